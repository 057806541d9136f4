/** The docker CLI, driven with execa, with the lab's DOCKER_HOST/DOCKER_CONFIG. */
import { execa } from 'execa';

export interface DockerResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Docker {
  env: NodeJS.ProcessEnv;
  /** Runs `docker ARGS`; never throws for a non-zero exit. */
  run(args: string[], options?: { input?: string; cwd?: string; timeoutMs?: number }): Promise<DockerResult>;
  /** Runs `docker ARGS` and returns stdout; throws with stderr on a non-zero exit. */
  out(args: string[], options?: { input?: string; cwd?: string; timeoutMs?: number }): Promise<string>;
}

export function createDocker(env: NodeJS.ProcessEnv): Docker {
  const run: Docker['run'] = async (args, options = {}) => {
    const r = await execa('docker', args, {
      env,
      extendEnv: false,
      reject: false,
      ...(options.input !== undefined && { input: options.input }),
      ...(options.cwd !== undefined && { cwd: options.cwd }),
      timeout: options.timeoutMs ?? 120_000,
    });
    return { exitCode: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  return {
    env,
    run,
    async out(args, options) {
      const r = await run(args, options);
      if (r.exitCode !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
      return r.stdout;
    },
  };
}

/** A command on PATH? */
export async function hasCommand(name: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const r = await execa('sh', ['-c', `command -v "$1" >/dev/null 2>&1`, 'sh', name], { env, reject: false });
  return r.exitCode === 0;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
