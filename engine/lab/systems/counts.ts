/** Rows per table of a PostgreSQL system, through a function that runs SQL with `psql -At`. */
export async function pgCounts(sql: (text: string) => Promise<string>, tables: string[]): Promise<Record<string, number>> {
  const out = await sql(tables.map((t) => `SELECT '${t}' || '|' || count(*) FROM ${t};`).join('\n'));
  const counts: Record<string, number> = {};
  for (const line of out.split('\n')) {
    const [table, n] = line.split('|');
    if (table && n) counts[table] = Number(n);
  }
  return counts;
}
