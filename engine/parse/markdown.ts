/** Markdown text → mdast tree (CommonMark + GFM + YAML front matter). */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Data, type Processor } from 'unified';

type MdastExtension = NonNullable<Data['fromMarkdownExtensions']>[number];

/**
 * The tree transforms of the mdast extensions left out: GFM's only one turns `www.…` and e-mail
 * text into link nodes, a second walk over the whole tree (≈ 8 % of a parse). The engine reads
 * inline content only as plain text (`mdast-util-to-string`), and such a link's text is the very
 * text it replaces, so the model is the same without it. The syntax extensions are all kept.
 */
function withoutTreeTransforms(this: Processor): void {
  const data = this.data();
  const strip = (e: MdastExtension): MdastExtension => (Array.isArray(e) ? e.map((x) => ({ ...x, transforms: [] })) : { ...e, transforms: [] });
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(strip);
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(withoutTreeTransforms).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
