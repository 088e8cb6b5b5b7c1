/** Reading a paged list to its end, for services that need every row another capability lists. */

const PAGE = 500;

/** Every row of a paged read, one page at a time. */
export async function everyPage<T>(
  read: (page: { limit: number; offset: number }) => Promise<readonly T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const rows = await read({ limit: PAGE, offset });
    out.push(...rows);
    if (rows.length < PAGE) return out;
  }
}
