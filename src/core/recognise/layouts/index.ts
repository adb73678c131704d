/** The five layouts of docs: each turns a title's region into columns and logical rows, using its spec. */
import type { TableSpec } from '../../specs/types';
import type { Ctx } from '../cells';
import { parseGrid } from './table';
import { parseForm } from './form';
import { parseHorizontal } from './horizontal';
import type { Parsed, Region } from './parsed';

export type { Evidence, Parsed } from './parsed';
export { recognisedTable } from './parsed';
export { isAmountLike, isCodeLead } from './shared';

export function parseWithSpec(ctx: Ctx, spec: TableSpec, region: Region): Parsed {
  switch (spec.layout) {
    case 'rows':
    case 'side-by-side':
    case 'blocks':
      return parseGrid(ctx, spec, region);
    case 'horizontal':
      return parseHorizontal(ctx, spec, region);
    case 'form':
      return parseForm(ctx, spec, region);
  }
}
