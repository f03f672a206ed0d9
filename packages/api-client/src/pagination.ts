/** A page of a cursor-paginated list, as the services answer it. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A cursor-paginated list: `for await (const item of list)` walks every item of every page, fetching the next page
 * only when the items of the current one are used up; `list.pages()` walks the pages themselves. Each walk starts
 * again from the first page.
 */
export interface Paginated<T> extends AsyncIterable<T> {
  pages(): AsyncIterableIterator<Page<T>>;
}

export const paginate = <T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, startCursor?: string): Paginated<T> => {
  async function* pages(): AsyncIterableIterator<Page<T>> {
    let cursor = startCursor;
    do {
      const page = await fetchPage(cursor);
      yield page;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
  };
};
