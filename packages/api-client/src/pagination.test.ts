import { paginate, type Page } from './pagination';

const pagesOf = (...pages: number[][]) => {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<Page<number>> => {
    asked.push(cursor);
    const index = cursor === undefined ? 0 : Number(cursor);
    return { items: pages[index]!, nextCursor: index + 1 < pages.length ? String(index + 1) : null };
  };
  return { fetchPage, asked };
};

describe('paginate', () => {
  it('walks every item of every page, following nextCursor until null', async () => {
    const source = pagesOf([1, 2], [3, 4], [5]);
    const items: number[] = [];
    for await (const item of paginate(source.fetchPage)) items.push(item);
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(source.asked).toEqual([undefined, '1', '2']);
  });

  it('fetches the next page only when the current one is used up, and each walk starts again', async () => {
    const source = pagesOf([1, 2], [3]);
    const list = paginate(source.fetchPage);
    for await (const item of list) if (item === 1) break;
    expect(source.asked).toEqual([undefined]);
    const pages: Page<number>[] = [];
    for await (const page of list.pages()) pages.push(page);
    expect(pages.map((page) => page.items)).toEqual([[1, 2], [3]]);
  });

  it('starts from a given cursor', async () => {
    const source = pagesOf([1], [2], [3]);
    const items: number[] = [];
    for await (const item of paginate(source.fetchPage, '1')) items.push(item);
    expect(items).toEqual([2, 3]);
  });
});
