// Reading a table a keyset page at a time: `key > last key ORDER BY key LIMIT n`, never OFFSET, each
// page its own short statement — constant memory and no long transaction, whatever the row count.

/**
 * Every row `page(after)` returns, page by page, from `after` until a short page. Each row carries
 * its keyset position as `key`.
 */
export async function* keysetPages<R extends { key: string }>(after: string, pageSize: number, page: (after: string) => Promise<R[]>): AsyncGenerator<R[]> {
  for (;;) {
    const rows = await page(after);
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.key;
  }
}
