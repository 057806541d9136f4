/** GitHub-like slug: lower case, accents dropped, runs of other characters become one dash. */
export function slugify(text: string, maxLength = 48): string {
  const base = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= maxLength) return base;
  const cut = base.slice(0, maxLength);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/g, '');
}

/** Hands out ids, adding `-2`, `-3`… to repeats and avoiding ids already reserved. */
export class IdAllocator {
  private readonly taken = new Set<string>();

  reserve(id: string): void {
    this.taken.add(id);
  }

  allocate(base: string): string {
    const root = base === '' ? 'step' : base;
    let candidate = root;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${root}-${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
