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
  /** Per base, the next suffix worth trying: every lower one is taken (ids are never given back), so repeats cost the same at the 20,000th as at the 2nd. */
  private readonly next = new Map<string, number>();

  reserve(id: string): void {
    this.taken.add(id);
  }

  allocate(base: string): string {
    const root = base === '' ? 'step' : base;
    let candidate = root;
    let n = this.taken.has(root) ? (this.next.get(root) ?? 2) : 2;
    if (this.taken.has(root)) candidate = `${root}-${n}`;
    while (this.taken.has(candidate)) candidate = `${root}-${++n}`;
    if (candidate !== root) this.next.set(root, n + 1);
    this.taken.add(candidate);
    return candidate;
  }
}
