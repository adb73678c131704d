/**
 * 单位换算 outside React: read the workbook, recognise, plan the conversion (HiGHS in a worker), each stage after
 * yielding to the browser so the progress bar paints. The plan is only previewed here; 应用 applies it.
 */
import { planConversion, type Conversion, type ConvertOptions } from '../../core/convert/index';
import type { EngineHost } from '../../core/host';
import type { Recognition } from '../../core/model';
import { recognise } from '../../core/recognise/index';
import { yieldToBrowser, type ProgressFn } from '../engine';
import { paneSolver } from './workerSolver';

export interface Preview {
  conversion: Conversion;
  recognition: Recognition;
}

let solver: ReturnType<typeof paneSolver> | undefined;

export async function previewConversion(host: EngineHost, options: ConvertOptions, onProgress: ProgressFn): Promise<Preview> {
  onProgress(0, '正在读取工作簿…');
  await yieldToBrowser();
  const snapshot = await host.readSnapshot((p, text) => onProgress(p * 0.5, text));
  onProgress(0.5, '正在识别公开表…');
  await yieldToBrowser();
  const recognition = recognise(snapshot);
  onProgress(0.7, '正在计算受控舍入（保证换算后合计严格相等）…');
  await yieldToBrowser();
  solver ??= paneSolver();
  const conversion = await planConversion(recognition, snapshot, options, solver);
  onProgress(1, '换算方案已生成');
  return { conversion, recognition };
}
