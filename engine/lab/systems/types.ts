/** What the lab knows about one of the manuals' systems. */
import type { Docker } from '../docker/cli.js';
import type { BaseSuite } from '../docker/images.js';
import type { LabLayout } from '../paths.js';

export interface SystemContext {
  docker: Docker;
  lab: LabLayout;
  /** The system's folder under the lab root (it stands for the manual's `/opt/<system>`). */
  dir: string;
  /** Image name → built tag. */
  images: Record<string, string>;
}

export interface LabSystem {
  name: string;
  /** Container names, as in the manual. */
  containers: string[];
  /** Images to build: name, build context under `lab/`, and the Debian base (bookworm unless said; another base is made when first needed). */
  images: { name: string; context: string; base?: BaseSuite }[];
  /** Host ports it publishes on 127.0.0.1. */
  ports: number[];
  /** The compose project folder (the manual's deploy dir). */
  deployDir(dir: string): string;
  /** The compose file, when it is not `docker-compose.yml`. */
  composeFile?: string;
  /** Writes the deploy folder: the compose file always (it is the lab's), `.env` when missing or `fresh`. */
  prepare(ctx: SystemContext, fresh: boolean): void;
  /** The service answers its health endpoint with a working database; a reason otherwise. */
  serviceProblem(): Promise<string | undefined>;
  /** After its images are built (extra tags…). */
  afterBuild?(ctx: SystemContext): Promise<void>;
  /** After the first healthy start: seed backup and the like. */
  seed(ctx: SystemContext): Promise<void>;
  /** Seed data: table → rows. */
  seedCounts: Record<string, number>;
  /** Rows per seed table now. */
  counts(ctx: SystemContext): Promise<Record<string, number>>;
}
