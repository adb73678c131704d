/**
 * What every table of one disclosure set prints alike: the department (编制单位/部门/单位/部门名称) and the year.
 * A table printing another one than its siblings is a classic error of these files — a table copied from last
 * year's file or from another unit's, a typo in the unit's name. Evaluated by src/core/validate/meta.ts.
 */
import type { ConsistencyRule } from './types';

export const metaRules: ConsistencyRule[] = [
  {
    type: 'consistent',
    id: 'meta.org_differs',
    kind: '*',
    field: 'org',
    severity: 'warning',
    // 项目支出绩效自评表 prints its 实施单位, which may be a unit under the department by design.
    except: ['perf_project'],
    description:
      '同一套公开表中，一张表印的编制单位（部门、单位名称）与其他表不同（先忽略空格、全角半角差别）：可能是笔误或从其他单位文件复制的表；单位简称、全称混用也会报告，请核对（项目支出绩效自评表印的是实施单位，不比较）',
  },
  {
    type: 'consistent',
    id: 'meta.year_differs',
    kind: '*',
    field: 'year',
    severity: 'error',
    description:
      '同一套公开表中，一张表印的年度与其他表不同（如 2022 年度的公开表中有一张印着 2021 年度）：多为从上年文件复制来的表，数字也可能是上年的',
  },
];
