/**
 * 一般公共预算财政拨款基本支出决算表（公开06表）and 云南 一般公共预算财政拨款项目支出决算表（公开07表,
 * economic classification) — within the table.
 */
import { economicRules } from './common';
import type { SumRule } from './types';

export const gpbBasicRules: SumRule[] = economicRules('gpb_basic');
export const gpbProjectEconomicRules: SumRule[] = economicRules('gpb_project_economic');
