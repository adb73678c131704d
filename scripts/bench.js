#!/usr/bin/env node
/**
 * `npm run bench` — how long reading, recognising and checking takes, as ratios to exceljs merely loading the
 * same files, measured in the same run.
 *
 * 1. A large consolidated workbook, generated with exceljs: a national set 公开01–09 in 万元 whose 收入决算表,
 *    支出决算表 and 一般公共预算财政拨款支出决算表 each hold ITEMS 项 rows (with their 款 and 类 rows), all sums
 *    consistent within and across tables. Median of REPS runs after WARMUP runs, in one process, of:
 *      (a) exceljs `workbook.xlsx.readFile` (the baseline)   (b) readWorkbookFile → snapshot
 *      (c) recognise(snapshot)   (d) validate(recognition)   (e) the whole check of the file (read + c + d)
 * 2. A batch: a directory of 100 small real workbooks (the two samples, 50 copies each). Baseline: exceljs
 *    loading each, one after the other; measured: `juesuan check DIR --json` as a user runs it (a new process,
 *    worker threads on every core).
 * 3. Memory: a sheet of 1,000,000 filled cells snapshotted in a child process limited to a 1 GB heap; its time,
 *    peak resident memory, and whether it was read or refused.
 * The core is bundled on the fly with esbuild (exceljs kept external).
 *
 * Options (environment): BENCH_ITEMS (default 3000), BENCH_REPS (5), BENCH_WARMUP (2), BENCH_KEEP=1 keeps the
 * files, BENCH_SKIP=batch,memory skips parts.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const ITEMS = Number(process.env.BENCH_ITEMS || 3000);
const REPS = Number(process.env.BENCH_REPS || 5);
const WARMUP = Number(process.env.BENCH_WARMUP || 2);
const SKIP = new Set((process.env.BENCH_SKIP || '').split(',').filter(Boolean));
const ORG = '某市卫生健康委员会';
const YEAR = 2023;
/** The unit the workbook is written in: 万元, or 元 for the conversion bench (amounts scaled to 元-sized figures). */
const UNIT = { text: '金额单位：万元', factor: 1 };

// ---------- deterministic data ----------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rand = mulberry32(20231231);
const cents = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
/** Integer cents → the number a 万元 cell holds (two decimals). */
const money = (c) => (c === 0 ? null : Number(((c * UNIT.factor) / 100).toFixed(2)));

/** The 26 function 类 of the summary tables (2022/2023 list), in printed order, with their codes. */
const CLASSES = [
  ['201', '一般公共服务支出'],
  ['202', '外交支出'],
  ['203', '国防支出'],
  ['204', '公共安全支出'],
  ['205', '教育支出'],
  ['206', '科学技术支出'],
  ['207', '文化旅游体育与传媒支出'],
  ['208', '社会保障和就业支出'],
  ['210', '卫生健康支出'],
  ['211', '节能环保支出'],
  ['212', '城乡社区支出'],
  ['213', '农林水支出'],
  ['214', '交通运输支出'],
  ['215', '资源勘探工业信息等支出'],
  ['216', '商业服务业等支出'],
  ['217', '金融支出'],
  ['219', '援助其他地区支出'],
  ['220', '自然资源海洋气象等支出'],
  ['221', '住房保障支出'],
  ['222', '粮油物资储备支出'],
  ['223', '国有资本经营预算支出'],
  ['224', '灾害防治及应急管理支出'],
  ['229', '其他支出'],
  ['231', '债务还本支出'],
  ['232', '债务付息支出'],
  ['234', '抗疫特别国债安排的支出'],
];
const ORDINALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
  '二十一',
  '二十二',
  '二十三',
  '二十四',
  '二十五',
  '二十六',
];
const ITEM_NAMES = [
  '行政运行',
  '一般行政管理事务',
  '机关服务',
  '信息化建设',
  '专项业务',
  '事业运行',
  '监督检查',
  '宣传培训',
  '规划管理',
  '标准制定',
  '统计调查',
  '应急处置',
  '项目管理',
  '绩效评价',
  '其他支出',
];

/** 项 per 款: 15 as in real workbooks while 26 类 × 10 款 hold them; more for more 项 (codes go up to 99). */
function itemsPerSection(items, sectionsPerClass) {
  return Math.max(15, Math.ceil(items / (CLASSES.length * sectionsPerClass)));
}

/**
 * Spread ITEMS 项 over the first classes: 10 款 per 类, 15 项 per 款 up to 3,900 项, more per 款 beyond
 * (6,000 → 24, 12,000 → 47; at most 99, i.e. 25,740 项).
 * `names`: code → official name for the codes the core knows (others get made-up names).
 */
function buildFunctionTree(items, names = new Map()) {
  const sectionsPerClass = 10;
  const perSection = itemsPerSection(items, sectionsPerClass);
  if (perSection > 99) throw new Error(`BENCH_ITEMS 最多 ${CLASSES.length * sectionsPerClass * 99}`);
  const classesNeeded = Math.max(1, Math.ceil(items / (perSection * sectionsPerClass)));
  let left = items;
  const classes = [];
  for (let ci = 0; ci < classesNeeded; ci++) {
    const [code, name] = CLASSES[ci];
    const cls = { code, name, sections: [], basic: 0, project: 0 };
    for (let si = 1; si <= sectionsPerClass && left > 0; si++) {
      const sCode = code + String(si).padStart(2, '0');
      const sec = { code: sCode, name: names.get(sCode) || `${name.replace(/支出$/, '')}事务${si}`, items: [], basic: 0, project: 0 };
      for (let ii = 1; ii <= perSection && left > 0; ii++, left--) {
        const kind = rand();
        const basic = kind < 0.4 ? cents(100, 50_000) : kind < 0.7 ? 0 : cents(10, 8_000);
        const project = kind < 0.4 ? 0 : cents(100, 30_000);
        const iCode = sCode + (ii === perSection ? '99' : String(ii).padStart(2, '0'));
        // The last 项 of a 款 is its 其他 (code 99); past the 14 stock names, numbered 专项业务 items.
        const stock = ii === perSection ? ITEM_NAMES[ITEM_NAMES.length - 1] : ii < ITEM_NAMES.length ? ITEM_NAMES[ii - 1] : `专项业务${ii}`;
        sec.items.push({ code: iCode, name: names.get(iCode) || stock, basic, project });
        sec.basic += basic;
        sec.project += project;
      }
      cls.sections.push(sec);
      cls.basic += sec.basic;
      cls.project += sec.project;
    }
    classes.push(cls);
  }
  const basic = classes.reduce((s, c) => s + c.basic, 0);
  const project = classes.reduce((s, c) => s + c.project, 0);
  return { classes, basic, project, total: basic + project };
}

/** Splits `total` cents over `n` parts with random weights, exactly. */
function split(total, n) {
  const w = Array.from({ length: n }, () => 0.2 + rand());
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sum));
  parts[0] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

// Economic classification rows of 基本支出表 (seed 000).
const PERSONNEL = [
  [
    '301',
    '工资福利支出',
    [
      ['30101', '基本工资'],
      ['30102', '津贴补贴'],
      ['30103', '奖金'],
      ['30106', '伙食补助费'],
      ['30107', '绩效工资'],
      ['30108', '机关事业单位基本养老保险缴费'],
      ['30109', '职业年金缴费'],
      ['30110', '职工基本医疗保险缴费'],
      ['30111', '公务员医疗补助缴费'],
      ['30112', '其他社会保障缴费'],
      ['30113', '住房公积金'],
      ['30114', '医疗费'],
      ['30199', '其他工资福利支出'],
    ],
  ],
  [
    '303',
    '对个人和家庭的补助',
    [
      ['30301', '离休费'],
      ['30302', '退休费'],
      ['30303', '退职（役）费'],
      ['30304', '抚恤金'],
      ['30305', '生活补助'],
      ['30306', '救济费'],
      ['30307', '医疗费补助'],
      ['30308', '助学金'],
      ['30309', '奖励金'],
      ['30310', '个人农业生产补贴'],
      ['30311', '代缴社会保险费'],
      ['30399', '其他对个人和家庭的补助'],
    ],
  ],
];
const PUBLIC_MIDDLE = [
  [
    '302',
    '商品和服务支出',
    [
      ['30201', '办公费'],
      ['30202', '印刷费'],
      ['30203', '咨询费'],
      ['30204', '手续费'],
      ['30205', '水费'],
      ['30206', '电费'],
      ['30207', '邮电费'],
      ['30208', '取暖费'],
      ['30209', '物业管理费'],
      ['30211', '差旅费'],
      ['30212', '因公出国（境）费用'],
      ['30213', '维修（护）费'],
      ['30214', '租赁费'],
      ['30215', '会议费'],
      ['30216', '培训费'],
      ['30217', '公务接待费'],
      ['30218', '专用材料费'],
      ['30224', '被装购置费'],
      ['30225', '专用燃料费'],
      ['30226', '劳务费'],
      ['30227', '委托业务费'],
      ['30228', '工会经费'],
      ['30229', '福利费'],
      ['30231', '公务用车运行维护费'],
      ['30239', '其他交通费用'],
      ['30240', '税金及附加费用'],
      ['30299', '其他商品和服务支出'],
    ],
  ],
];
const PUBLIC_RIGHT = [
  [
    '307',
    '债务利息及费用支出',
    [
      ['30701', '国内债务付息'],
      ['30702', '国外债务付息'],
      ['30703', '国内债务发行费用'],
      ['30704', '国外债务发行费用'],
    ],
  ],
  [
    '310',
    '资本性支出',
    [
      ['31001', '房屋建筑物购建'],
      ['31002', '办公设备购置'],
      ['31003', '专用设备购置'],
      ['31005', '基础设施建设'],
      ['31006', '大型修缮'],
      ['31007', '信息网络及软件购置更新'],
      ['31008', '物资储备'],
      ['31009', '土地补偿'],
      ['31010', '安置补助'],
      ['31011', '地上附着物和青苗补偿'],
      ['31012', '拆迁补偿'],
      ['31013', '公务用车购置'],
      ['31019', '其他交通工具购置'],
      ['31021', '文物和陈列品购置'],
      ['31022', '无形资产购置'],
      ['31099', '其他资本性支出'],
    ],
  ],
  [
    '312',
    '对企业补助',
    [
      ['31201', '资本金注入'],
      ['31203', '政府投资基金股权投资'],
      ['31204', '费用补贴'],
      ['31205', '利息补贴'],
      ['31299', '其他对企业补助'],
    ],
  ],
  [
    '399',
    '其他支出',
    [
      ['39907', '国家赔偿费用支出'],
      ['39908', '对民间非营利组织和群众性自治组织补贴'],
      ['39909', '经常性赠与'],
      ['39910', '资本性赠与'],
      ['39999', '其他支出'],
    ],
  ],
];

/** Amounts (cents) for every economic code: 人员经费 + 公用经费 = basic spending of the function tree. */
function buildEconomic(basicTotal) {
  const personnel = Math.round(basicTotal * 0.72);
  const pub = basicTotal - personnel;
  const amounts = new Map();
  const fill = (groups, total, share) => {
    const classTotals = split(total, groups.length).map((x, i) => (share ? share[i] : x));
    groups.forEach(([code, , subs], i) => {
      amounts.set(code, classTotals[i]);
      const parts = split(classTotals[i], subs.length);
      subs.forEach(([c], k) => amounts.set(c, parts[k]));
    });
  };
  const [p301, p303] = [Math.round(personnel * 0.93), 0];
  fill(PERSONNEL, personnel, [p301, personnel - p301 + p303]);
  // 公用经费: 302 takes most; 310 a little; 307/312/399 nothing (as in real offices).
  const p310 = Math.round(pub * 0.06);
  fill(PUBLIC_MIDDLE, pub - p310, [pub - p310]);
  fill(PUBLIC_RIGHT, p310, [0, p310, 0, 0]);
  return { amounts, personnel, pub };
}

// ---------- workbook ----------

function styleHeader(ws, rows) {
  for (const r of rows) ws.getRow(r).font = { bold: true };
}

function header(ws, { title, label, lastCol }) {
  ws.mergeCells(1, 1, 1, lastCol);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, lastCol).value = label;
  ws.getCell(3, 1).value = `编制单位：${ORG}`;
  ws.getCell(3, Math.max(2, Math.ceil(lastCol / 2))).value = `${YEAR}年度`;
  ws.getCell(3, lastCol).value = UNIT.text;
}

const NUMFMT = '#,##0.00';
function put(ws, r, c, v) {
  if (v === null || v === undefined) return;
  const cell = ws.getCell(r, c);
  cell.value = v;
  if (typeof v === 'number') cell.numFmt = NUMFMT;
}
/** 栏次 / 行次 numbers: plain integers, not amounts. */
function putNo(ws, r, c, n) {
  ws.getCell(r, c).value = n;
}

/** 收入决算表 / 支出决算表 / 一般公共预算财政拨款支出决算表: code | name | value columns. */
function functionTable(wb, sheet, title, label, columns, valuesOf, tree) {
  const ws = wb.addWorksheet(sheet);
  const lastCol = 2 + columns.length;
  header(ws, { title, label, lastCol });
  ws.mergeCells(4, 1, 4, 2);
  ws.getCell(4, 1).value = '项目';
  columns.forEach((h, i) => {
    ws.mergeCells(4, 3 + i, 5, 3 + i);
    ws.getCell(4, 3 + i).value = h;
  });
  ws.getCell(5, 1).value = '支出功能分类科目编码';
  ws.getCell(5, 2).value = '科目名称';
  ws.mergeCells(6, 1, 6, 2);
  ws.getCell(6, 1).value = '栏次';
  columns.forEach((_, i) => putNo(ws, 6, 3 + i, i + 1));
  styleHeader(ws, [4, 5, 6]);
  let r = 7;
  ws.mergeCells(r, 1, r, 2);
  ws.getCell(r, 1).value = '合计';
  valuesOf(tree).forEach((v, i) => put(ws, r, 3 + i, money(v)));
  r++;
  for (const cls of tree.classes) {
    const rows = [[cls.code, cls.name, cls]];
    for (const sec of cls.sections) {
      rows.push([sec.code, sec.name, sec]);
      for (const it of sec.items) rows.push([it.code, it.name, it]);
    }
    for (const [code, name, node] of rows) {
      ws.getCell(r, 1).value = code;
      ws.getCell(r, 2).value = name;
      valuesOf(node).forEach((v, i) => put(ws, r, 3 + i, money(v)));
      r++;
    }
  }
  ws.getCell(r + 1, 1).value = `注：本表反映部门本年度${title === '收入决算表' ? '取得的各项收入情况' : '各项支出情况'}。`;
  ws.getColumn(2).width = 30;
  return ws;
}

/** 收入支出决算总表 (01) and 财政拨款收入支出决算总表 (04): income left, 26 function 类 right. */
function summaryTable(wb, tree, fiscal) {
  const sheet = fiscal ? '公开04表' : '公开01表';
  const ws = wb.addWorksheet(sheet);
  const lastCol = fiscal ? 9 : 6;
  header(ws, { title: fiscal ? '财政拨款收入支出决算总表' : '收入支出决算总表', label: sheet, lastCol });
  ws.mergeCells(4, 1, 4, 3);
  ws.getCell(4, 1).value = '收    入';
  ws.mergeCells(4, 4, 4, lastCol);
  ws.getCell(4, 4).value = '支    出';
  const heads = fiscal
    ? [
        '项    目',
        '行次',
        '金额',
        '项目（按功能分类）',
        '行次',
        '合计',
        '一般公共预算财政拨款',
        '政府性基金预算财政拨款',
        '国有资本经营预算财政拨款',
      ]
    : ['项    目', '行次', '决算数', '项目（按功能分类）', '行次', '决算数'];
  heads.forEach((h, i) => (ws.getCell(5, 1 + i).value = h));
  ws.getCell(6, 1).value = '栏    次';
  ws.getCell(6, 4).value = '栏    次';
  putNo(ws, 6, 3, 1);
  for (let c = 6; c <= lastCol; c++) putNo(ws, 6, c, c - 4);
  styleHeader(ws, [4, 5, 6]);
  const byCode = new Map(tree.classes.map((c) => [c.code, c]));
  const income = fiscal
    ? ['一、一般公共预算财政拨款', '二、政府性基金预算财政拨款', '三、国有资本经营预算财政拨款']
    : [
        '一、一般公共预算财政拨款收入',
        '二、政府性基金预算财政拨款收入',
        '三、国有资本经营预算财政拨款收入',
        '四、上级补助收入',
        '五、事业收入',
        '六、经营收入',
        '七、附属单位上缴收入',
        '八、其他收入',
      ];
  const firstExpenseLine = fiscal ? 33 : 32;
  let r = 7;
  for (let i = 0; i < CLASSES.length; i++, r++) {
    if (i < income.length) ws.getCell(r, 1).value = income[i];
    putNo(ws, r, 2, i + 1);
    if (i === 0) put(ws, r, 3, money(tree.total));
    const [code, name] = CLASSES[i];
    ws.getCell(r, 4).value = `${ORDINALS[i]}、${name}`;
    putNo(ws, r, 5, firstExpenseLine + i);
    const cls = byCode.get(code);
    const v = cls ? cls.basic + cls.project : 0;
    put(ws, r, 6, money(v));
    if (fiscal) put(ws, r, 7, money(v));
  }
  const n = CLASSES.length;
  const tail = fiscal
    ? [
        ['本年收入合计', tree.total, '本年支出合计', tree.total],
        ['年初财政拨款结转和结余', 0, '年末财政拨款结转和结余', 0],
        ['一、一般公共预算财政拨款', 0, null, null],
        ['二、政府性基金预算财政拨款', 0, null, null],
        ['三、国有资本经营预算财政拨款', 0, null, null],
        ['总计', tree.total, '总计', tree.total],
      ]
    : [
        ['本年收入合计', tree.total, '本年支出合计', tree.total],
        ['使用非财政拨款结余', 0, '结余分配', 0],
        ['年初结转和结余', 0, '年末结转和结余', 0],
        ['总计', tree.total, '总计', tree.total],
      ];
  tail.forEach(([inName, inV, exName, exV], k) => {
    ws.getCell(r, 1).value = inName;
    putNo(ws, r, 2, n + 1 + k);
    put(ws, r, 3, money(inV));
    if (exName) ws.getCell(r, 4).value = exName;
    putNo(ws, r, 5, firstExpenseLine + n + k);
    if (exV !== null) {
      put(ws, r, 6, money(exV));
      if (fiscal) put(ws, r, 7, money(exV));
    }
    r++;
  });
  ws.getCell(r + 1, 1).value = '注：本套报表金额单位转换时可能存在尾数误差。';
  ws.getColumn(1).width = 30;
  ws.getColumn(4).width = 30;
}

function basicTable(wb, econ) {
  const ws = wb.addWorksheet('公开06表');
  header(ws, { title: '一般公共预算财政拨款基本支出决算表', label: '公开06表', lastCol: 9 });
  ws.mergeCells(4, 1, 4, 3);
  ws.getCell(4, 1).value = '人员经费';
  ws.mergeCells(4, 4, 4, 9);
  ws.getCell(4, 4).value = '公用经费';
  for (let b = 0; b < 3; b++) {
    ws.getCell(5, 1 + 3 * b).value = '经济分类科目编码';
    ws.getCell(5, 2 + 3 * b).value = '科目名称';
    ws.getCell(5, 3 + 3 * b).value = '金额';
  }
  styleHeader(ws, [4, 5]);
  const blocks = [PERSONNEL, PUBLIC_MIDDLE, PUBLIC_RIGHT];
  let last = 6;
  blocks.forEach((groups, b) => {
    let r = 6;
    for (const [code, name, subs] of groups) {
      for (const [c, n] of [[code, name], ...subs]) {
        ws.getCell(r, 1 + 3 * b).value = c;
        ws.getCell(r, 2 + 3 * b).value = n;
        put(ws, r, 3 + 3 * b, money(econ.amounts.get(c) || 0));
        r++;
      }
    }
    last = Math.max(last, r);
  });
  ws.mergeCells(last, 1, last, 2);
  ws.getCell(last, 1).value = '人员经费合计';
  put(ws, last, 3, money(econ.personnel));
  ws.mergeCells(last, 4, last, 8);
  ws.getCell(last, 4).value = '公用经费合计';
  put(ws, last, 9, money(econ.pub));
  ws.getCell(last + 2, 1).value = '注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。';
}

/** 政府性基金 / 国有资本经营 tables without data (as in seed 000): 类|款|项 code columns, name, header groups. */
function emptyFundTable(wb, sheet, title, groups, note) {
  const ws = wb.addWorksheet(sheet);
  const lastCol = 4 + groups.reduce((n, g) => n + (g.subs ? g.subs.length : 1), 0);
  header(ws, { title, label: sheet, lastCol });
  ws.mergeCells(4, 1, 4, 4);
  ws.getCell(4, 1).value = '项    目';
  ws.mergeCells(5, 1, 5, 3);
  ws.getCell(5, 1).value = '支出功能分类科目编码';
  ws.getCell(5, 4).value = '科目名称';
  let c = 5;
  for (const g of groups) {
    if (g.subs) {
      ws.mergeCells(4, c, 4, c + g.subs.length - 1);
      ws.getCell(4, c).value = g.head;
      g.subs.forEach((h, i) => (ws.getCell(5, c + i).value = h));
      c += g.subs.length;
    } else {
      ws.mergeCells(4, c, 5, c);
      ws.getCell(4, c).value = g.head;
      c++;
    }
  }
  ['类', '款', '项', '栏次'].forEach((h, i) => (ws.getCell(6, 1 + i).value = h));
  for (let k = 5; k <= lastCol; k++) ws.getCell(6, k).value = String(k - 4);
  styleHeader(ws, [4, 5, 6]);
  ws.getCell(7, 4).value = '合计';
  ws.getCell(8, 1).value = `注：本表反映部门本年度${title.replace(/决算表$/, '')}情况。`;
  ws.getCell(9, 1).value = note;
}

function threePublicTable(wb, econ) {
  const ws = wb.addWorksheet('公开09表');
  header(ws, { title: '财政拨款“三公”经费支出决算表', label: '公开09表', lastCol: 5 });
  ['项目', '栏次', '年初预算数', '全年预算数', '决算数'].forEach((h, i) => (ws.getCell(4, 1 + i).value = h));
  ws.getCell(5, 1).value = '行次';
  [1, 2, 3].forEach((n, i) => putNo(ws, 5, 3 + i, n));
  styleHeader(ws, [4, 5]);
  const a = (c) => econ.amounts.get(c) || 0;
  const abroad = a('30212');
  const purchase = a('31013');
  const operation = a('30231');
  const reception = a('30217');
  // Budgets a little above the actuals, summed from the leaves so that the budget columns foot too.
  const b = (v) => v + Math.round(v * 0.1);
  const [bAbroad, bPurchase, bOperation, bReception] = [b(abroad), b(purchase), b(operation), b(reception)];
  const rows = [
    ['一、“三公”经费支出', abroad + purchase + operation + reception, bAbroad + bPurchase + bOperation + bReception],
    ['1.因公出国（境）费', abroad, bAbroad],
    ['2.公务用车购置及运行维护费', purchase + operation, bPurchase + bOperation],
    ['（1）公务用车购置费', purchase, bPurchase],
    ['（2）公务用车运行维护费', operation, bOperation],
    ['3.公务接待费', reception, bReception],
    ['（1）国内接待费', reception, null],
    ['其中：外事接待费', 0, null],
    ['（2）国（境）外接待费', 0, null],
  ];
  let r = 6;
  rows.forEach(([name, v, budget], i) => {
    ws.getCell(r, 1).value = name;
    putNo(ws, r, 2, i + 1);
    if (budget !== null) {
      put(ws, r, 3, Number((budget / 100).toFixed(2)));
      put(ws, r, 4, Number((budget / 100).toFixed(2)));
    } else {
      ws.getCell(r, 3).value = '—';
      ws.getCell(r, 4).value = '—';
    }
    put(ws, r, 5, Number((v / 100).toFixed(2)));
    r++;
  });
  const counts = [
    ['二、相关统计数', null],
    ['1.因公出国（境）团组数（个）', 0],
    ['2.因公出国（境）人次数（人）', 0],
    ['3.公务用车购置数（辆）', 1],
    ['4.公务用车保有量（辆）', 6],
    ['5.国内公务接待批次（个）', 118],
    ['其中：外事接待批次（个）', 0],
    ['6.国内公务接待人次（人）', 1343],
    ['其中：外事接待人次（人）', 0],
    ['7.国（境）外公务接待批次（个）', 0],
    ['8.国（境）外公务接待人次（人）', 0],
  ];
  counts.forEach(([name, v], i) => {
    ws.getCell(r, 1).value = name;
    putNo(ws, r, 2, rows.length + 1 + i);
    ws.getCell(r, 3).value = '—';
    ws.getCell(r, 4).value = '—';
    if (v === null) ws.getCell(r, 5).value = '—';
    else ws.getCell(r, 5).value = v;
    r++;
  });
  ws.getCell(r + 1, 1).value = '注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。';
}

/**
 * Writes the consolidated workbook to `file`; `items` 项 rows per function table (tests use a few dozen). Options:
 * `unit: '元'` writes it in 元, every amount `factor` (default 1,237) times the 万元 one's cents (still whole
 * cents, every sum still exact); `seed` restarts the figures' random stream (property tests).
 */
async function generateWorkbook(file, names = new Map(), items = ITEMS, options = {}) {
  const { unit = '万元', factor = 1237, seed } = options;
  Object.assign(UNIT, unit === '元' ? { text: '金额单位：元', factor } : { text: '金额单位：万元', factor: 1 });
  if (seed !== undefined) rand = mulberry32(seed);
  const ExcelJS = require('exceljs');
  const tree = buildFunctionTree(items, names);
  const econ = buildEconomic(tree.basic);
  const wb = new ExcelJS.Workbook();
  summaryTable(wb, tree, false);
  functionTable(
    wb,
    '公开02表',
    '收入决算表',
    '公开02表',
    ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
    (n) => [n.basic + n.project, n.basic + n.project, 0, 0, 0, 0, 0],
    tree,
  );
  functionTable(
    wb,
    '公开03表',
    '支出决算表',
    '公开03表',
    ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
    (n) => [n.basic + n.project, n.basic, n.project, 0, 0, 0],
    tree,
  );
  summaryTable(wb, tree, true);
  functionTable(
    wb,
    '公开05表',
    '一般公共预算财政拨款支出决算表',
    '公开05表',
    ['本年支出合计', '基本支出', '项目支出'],
    (n) => [n.basic + n.project, n.basic, n.project],
    tree,
  );
  basicTable(wb, econ);
  emptyFundTable(
    wb,
    '公开07表',
    '政府性基金预算财政拨款收入支出决算表',
    [
      { head: '年初结转和结余' },
      { head: '本年收入' },
      { head: '本年支出', subs: ['小计', '基本支出', '项目支出'] },
      { head: '年末结转和结余' },
    ],
    '说明：当此表数据为零时，即本部门无政府性基金预算财政拨款收入、支出。',
  );
  emptyFundTable(
    wb,
    '公开08表',
    '国有资本经营预算财政拨款支出决算表',
    [{ head: '合    计' }, { head: '基本支出' }, { head: '项目支出' }],
    '说明：当此表数据为空时，即本部门无国有资本经营预算财政拨款支出。',
  );
  threePublicTable(wb, econ);
  await wb.xlsx.writeFile(file);
  return { tree };
}

// ---------- the core, bundled for plain node ----------

function loadCore() {
  const esbuild = require('esbuild');
  // Inside the repository (dist/ is ignored) so that the bundle resolves the project's dependencies.
  const out = path.join(root, 'dist', 'bench', `core-${process.pid}.js`);
  esbuild.buildSync({
    stdin: {
      contents: [
        "export { readWorkbookFile } from './src/adapters/xlsx/file';",
        "export { analyse } from './src/cli/analyse';",
        "export { recognise } from './src/core/recognise';",
        "export { validate } from './src/core/validate';",
        "export { KNOWN_FUNCTION_CODES } from './src/core/classification';",
        "export { ZipPackage } from './src/adapters/xlsx/package/zip';",
        "export { worksheetXml } from './src/adapters/xlsx/write/book';",
        "export { openWorkbook, snapshotOf } from './src/adapters/xlsx/read';",
        "export { applyPlanToPackage } from './src/adapters/xlsx/write/apply';",
        "export { planConversion } from './src/core/convert';",
        "export { HighsSolver, loadHighs } from './src/adapters/solver/highs';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['exceljs', 'highs'],
    outfile: out,
    logLevel: 'warning',
  });
  try {
    return require(out);
  } finally {
    fs.rmSync(out, { force: true });
  }
}

// ---------- measuring ----------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
const ms = (x) => x.toFixed(1).padStart(9);
const verdict = (ratio, target, atLeast = false) =>
  `${(atLeast ? ratio >= target : ratio <= target) ? 'meets' : 'MISSES'} the target ${atLeast ? '≥' : '≤'} ${target}`;

/** Wall time and this process's CPU time (user + system) of `fn`, in ms. */
async function timed(fn) {
  const c0 = process.cpuUsage();
  const t = now();
  const result = await fn();
  const c = process.cpuUsage(c0);
  return { result, wall: now() - t, cpu: (c.user + c.system) / 1000 };
}

async function consolidated(core, out) {
  const ExcelJS = require('exceljs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-bench-'));
  const file = path.join(dir, 'bench-consolidated.xlsx');
  const t1 = now();
  const { tree } = await generateWorkbook(file, new Map(core.KNOWN_FUNCTION_CODES.map((e) => [e.code, e.name])));
  const tGen = now() - t1;
  const size = fs.statSync(file).size;
  const keys = ['a', 'b', 'c', 'd', 'e'];
  const times = Object.fromEntries(keys.map((k) => [k, []]));
  const cpu = Object.fromEntries(keys.map((k) => [k, []]));
  let last = null;
  for (let i = 0; i < WARMUP + REPS; i++) {
    const phase = async (key, fn) => {
      const r = await timed(fn);
      if (i >= WARMUP) {
        times[key].push(r.wall);
        cpu[key].push(r.cpu);
      }
      return r.result;
    };
    await phase('a', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      return wb;
    });
    const snapshot = await phase('b', () => core.readWorkbookFile(file));
    const recognition = await phase('c', () => core.recognise(snapshot));
    const validation = await phase('d', () => core.validate(recognition));
    await phase('e', () => core.analyse(file, { validate: true }));
    last = { snapshot, recognition, validation };
  }
  const m = Object.fromEntries(keys.map((k) => [k, median(times[k])]));
  const u = Object.fromEntries(keys.map((k) => [k, median(cpu[k])]));
  const cellsCount = last.snapshot.sheets.reduce((s, sh) => s + sh.cells.length, 0);
  const sections = tree.classes.reduce((s, c) => s + c.sections.length, 0);
  out.push(`1. consolidated workbook ${path.basename(file)}: ${(size / 1024).toFixed(0)} KB, generated in ${tGen.toFixed(0)} ms`);
  out.push(
    `   ${last.snapshot.sheets.length} sheets, ${cellsCount} non-empty cells; per function table ${ITEMS} 项 + ${sections} 款 + ${tree.classes.length} 类 rows`,
  );
  out.push(`   median of ${REPS} runs after ${WARMUP} warm-up (ms):        wall       cpu`);
  out.push(`   (a) exceljs readFile (baseline)   ${ms(m.a)} ${ms(u.a)}`);
  out.push(
    `   (b) readWorkbookFile → snapshot   ${ms(m.b)} ${ms(u.b)}   a/b = ${(m.a / m.b).toFixed(1)}× faster: ${verdict(m.a / m.b, 5, true)}`,
  );
  out.push(`   (c) recognise                     ${ms(m.c)} ${ms(u.c)}`);
  out.push(`   (d) validate                      ${ms(m.d)} ${ms(u.d)}`);
  out.push(
    `   (c+d) recognise + validate        ${ms(m.c + m.d)} ${ms(u.c + u.d)}   (c+d)/a = ${((m.c + m.d) / m.a).toFixed(2)}: ${verdict((m.c + m.d) / m.a, 0.15)}`,
  );
  out.push(`   (e) whole check of the file       ${ms(m.e)} ${ms(u.e)}   e/a = ${(m.e / m.a).toFixed(2)}: ${verdict(m.e / m.a, 0.3)}`);
  const list = (xs) => `[${xs.map((x) => x.toFixed(0))}]`;
  out.push(`   each run, wall: ${keys.map((k) => `${k}=${list(times[k])}`).join(' ')}`);

  const expectedKinds = [
    'income_expense_summary',
    'income',
    'expense',
    'fiscal_summary',
    'gpb_expense',
    'gpb_basic',
    'gov_fund',
    'state_capital',
    'three_public',
  ];
  const tables = last.recognition.tables;
  const found = new Set(tables.map((t) => t.kind));
  const missing = expectedKinds.filter((k) => !found.has(k));
  out.push(
    `   recognised ${tables.length} of ${expectedKinds.length} expected tables${missing.length ? `; MISSING: ${missing.join(', ')}` : ''}`,
  );
  const s = last.validation.summary;
  out.push(
    `   validation on consistent data: error=${s.error} warning=${s.warning} rounding=${s.rounding} info=${s.info}${s.error === 0 ? ' (OK: 0 errors)' : ' (EXPECTED 0 errors)'}`,
  );
  const errs = last.validation.findings.filter((f) => f.severity !== 'rounding' && f.severity !== 'info').slice(0, 10);
  for (const f of errs) out.push(`   ${f.severity} ${f.rule}: ${f.message} [${f.cells.slice(0, 3).join(' ')}]`);
  if (process.env.BENCH_KEEP) out.push(`   kept ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  return missing.length === 0 && s.error === 0;
}

async function batch(out) {
  const ExcelJS = require('exceljs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-batch-'));
  const samples = fs.readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.xlsx'));
  const files = [];
  for (let i = 0; i < 100; i++) {
    const src = samples[i % samples.length];
    const dst = path.join(dir, `${String(i + 1).padStart(3, '0')}-${src}`);
    fs.copyFileSync(path.join(root, 'samples', src), dst);
    files.push(dst);
  }
  const bin = path.join(root, 'bin', 'juesuan.js');
  require(path.join(root, 'scripts', 'build-cli.js')).buildCli({ quiet: true });
  const { spawnSync } = require('child_process');
  const a = [];
  const b = [];
  for (let i = 0; i < WARMUP + REPS; i++) {
    const t = now();
    for (const f of files) await new ExcelJS.Workbook().xlsx.readFile(f);
    const tA = now() - t;
    const t2 = now();
    const r = spawnSync(process.execPath, [bin, 'check', dir, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const tB = now() - t2;
    if (r.status !== 1 || r.stdout.trim().split('\n').length !== 100)
      throw new Error(`batch check failed: ${r.status} ${r.stderr.slice(0, 400)}`);
    if (i >= WARMUP) {
      a.push(tA);
      b.push(tB);
    }
  }
  const ma = median(a);
  const mb = median(b);
  out.push(`2. batch: ${files.length} workbooks (${samples.join(', ')}), ${os.availableParallelism()} cores`);
  out.push(`   (f) exceljs loading each file, in turn          ${ms(ma)} ms`);
  out.push(`   (g) juesuan check DIR --json (new process)      ${ms(mb)} ms   g/f = ${(mb / ma).toFixed(2)}: ${verdict(mb / ma, 0.5)}`);
  out.push(`   each run, wall: f=[${a.map((x) => x.toFixed(0))}] g=[${b.map((x) => x.toFixed(0))}]`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A workbook with one sheet of `rows` × `cols` numbers (written by the package writer: exceljs would take minutes). */
function hugeWorkbook(core, file, rows, cols) {
  const pkg = core.ZipPackage.empty();
  pkg.set(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  pkg.set(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  pkg.set(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  pkg.set(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  const data = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r * cols + c) / 100));
  pkg.set('xl/worksheets/sheet1.xml', core.worksheetXml({ name: '明细', rows: data }));
  fs.writeFileSync(file, pkg.toBytes());
}

function memory(core, out) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-huge-'));
  const file = path.join(dir, 'million.xlsx');
  const t = now();
  hugeWorkbook(core, file, 50_000, 20);
  const tGen = now() - t;
  const bundle = path.join(root, 'dist', 'bench', `huge-${process.pid}.js`);
  require('esbuild').buildSync({
    stdin: {
      contents: `import { readWorkbookFile } from './src/adapters/xlsx/file';
        const t = Date.now();
        readWorkbookFile(process.argv[2]).then((s) => {
          const cells = s.sheets.reduce((n, sh) => n + sh.cells.length, 0);
          console.log(JSON.stringify({ ok: true, cells, ms: Date.now() - t, rss: process.resourceUsage().maxRSS }));
        }, (e) => console.log(JSON.stringify({ ok: false, message: e.message, ms: Date.now() - t, rss: process.resourceUsage().maxRSS })));`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
  });
  const { spawnSync } = require('child_process');
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', bundle, file], { encoding: 'utf8' });
  fs.rmSync(bundle, { force: true });
  let res;
  try {
    res = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    res = { ok: false, message: `crashed: status ${r.status} ${r.signal || ''} ${r.stderr.slice(0, 200)}` };
  }
  out.push(
    `3. memory: one sheet of 1,000,000 numbers (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB file, written in ${tGen.toFixed(0)} ms), heap limited to 1 GB`,
  );
  if (res.ok)
    out.push(
      `   snapshot of ${res.cells} cells in ${res.ms} ms, peak resident memory ${(res.rss / 1024).toFixed(0)} MB: ${res.rss < 1024 * 1024 ? 'within 1 GB' : 'OVER 1 GB'}`,
    );
  else
    out.push(
      `   ${res.message.startsWith('crashed') ? 'CRASHED' : 'refused'}: ${res.message}${res.rss ? `, peak ${(res.rss / 1024).toFixed(0)} MB` : ''}`,
    );
  fs.rmSync(dir, { recursive: true, force: true });
  return res.ok || !res.message.startsWith('crashed');
}

// ---------- conversion 元 → 万元 ----------

/**
 * 4. The consolidated workbook written in 元, converted to 万元 with controlled rounding as `juesuan convert`
 *    does it (read, recognise, plan with HiGHS, patch the package, its bytes); its ratio to a whole check of the
 *    same file and the solver's share. Target: under 2 s.
 */
async function conversion(core, out) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-bench-convert-'));
  const file = path.join(dir, 'bench-yuan.xlsx');
  await generateWorkbook(file, new Map(core.KNOWN_FUNCTION_CODES.map((e) => [e.code, e.name])), ITEMS, { unit: '元' });
  const bytes = fs.readFileSync(file);
  const highs = await core.loadHighs();
  const phases = { read: [], plan: [], write: [] };
  const convert = async () => {
    let t = now();
    const lap = (key) => {
      const n = now();
      phases[key].push(n - t);
      t = n;
    };
    const opened = core.openWorkbook(bytes, 'bench-yuan.xlsx');
    const snapshot = core.snapshotOf(opened, 'bench-yuan.xlsx');
    const recognition = core.recognise(snapshot);
    lap('read');
    const c = await core.planConversion(recognition, snapshot, { to: '万元', now }, new core.HighsSolver(highs));
    lap('plan');
    core.applyPlanToPackage(opened, c.plan);
    opened.pkg.toBytes();
    lap('write');
    return c.report;
  };
  const wall = [];
  const cpu = [];
  const check = [];
  const checkCpu = [];
  const solver = [];
  let report = null;
  for (let i = 0; i < WARMUP + REPS; i++) {
    const r = await timed(convert);
    const k = await timed(() => core.analyse(file, { validate: true }));
    if (i < WARMUP) {
      for (const l of Object.values(phases)) l.pop();
      continue;
    }
    wall.push(r.wall);
    cpu.push(r.cpu);
    check.push(k.wall);
    checkCpu.push(k.cpu);
    solver.push(r.result.stats.solverMs);
    report = r.result;
  }
  const m = median(wall);
  const s = report.stats;
  out.push(`4. conversion 元 → 万元 of the consolidated workbook written in 元 (${ITEMS} 项 per function table), controlled rounding:`);
  out.push(
    `   ${s.variables} figures, ${s.constraints} identities; components ${s.components} (plain ${s.plain}, linear pass ${s.linear}, HiGHS ${s.solver}); ${report.adjusted.length} cells moved off plain rounding, ${report.tails.length} tails`,
  );
  out.push(`   median of ${REPS} runs after ${WARMUP} warm-up (ms):        wall       cpu`);
  out.push(`   convert (read, plan, write the copy)  ${ms(m)} ${ms(median(cpu))}`);
  out.push(
    `     of which read + recognise ${median(phases.read).toFixed(0)}, plan ${median(phases.plan).toFixed(0)} (solver ${median(solver).toFixed(0)}), patch + zip ${median(phases.write).toFixed(0)}`,
  );
  out.push(
    `   check of the same file                ${ms(median(check))} ${ms(median(checkCpu))}   convert/check = ${(m / median(check)).toFixed(2)}`,
  );
  out.push(
    `   solver's share ${((100 * median(solver)) / m).toFixed(0)}% of the conversion; ${m < 2000 ? 'meets' : 'MISSES'} the target < 2000 ms (wall)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  return m < 2000 && report.tails.length === 0;
}

async function main() {
  const t0 = now();
  const core = loadCore();
  const tBuild = now() - t0;
  const out = [];
  out.push(
    `juesuan bench — node ${process.version}, ${os.cpus().length} CPU, load average ${os.loadavg()[0].toFixed(2)}, esbuild bundle ${tBuild.toFixed(0)} ms`,
  );
  let ok = await consolidated(core, out);
  if (!SKIP.has('convert')) ok = (await conversion(core, out)) && ok;
  if (!SKIP.has('batch')) await batch(out);
  if (!SKIP.has('memory')) ok = memory(core, out) && ok;
  process.stdout.write(out.join('\n') + '\n');
  if (!ok) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  });
}

module.exports = { generateWorkbook, loadCore };
