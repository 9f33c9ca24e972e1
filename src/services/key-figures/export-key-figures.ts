import ExcelJS from 'exceljs';
import { appendAudit } from '../../store/audit.ts';
import { actorEvent } from '../audit-actor.ts';
import type { Context } from '../context.ts';
import { computeKeyFigures, type ComputeOptions, type KeyFigureTable } from './compute-key-figures.ts';

export type ExportFormat = 'csv' | 'xlsx';

/** The rows of an export: one per figure, group and period, with the definition beside. */
export function exportRows(table: KeyFigureTable): Array<Array<string | number | null>> {
  const header = ['Nyckeltal', 'Grupp', 'Period', 'Värde', 'Täljare', 'Nämnare', 'Antal underlag', 'Definition'];
  const figures = new Map(table.figures.map((f) => [f.id, f]));
  const groups = new Map(table.groups.map((g) => [g.key, g.label]));
  const periods = new Map(table.periods.map((p) => [p.start, p.label]));
  const rows: Array<Array<string | number | null>> = [header];
  for (const c of table.cells) {
    const f = figures.get(c.figure)!;
    rows.push([f.name, groups.get(c.group) ?? c.group, periods.get(c.period) ?? c.period,
      c.suppressed ? c.display : c.value, c.numerator, c.denominator, c.n, f.definition]);
  }
  return rows;
}

/** RFC 4180, semicolon-separated as Swedish Excel expects, with a BOM so that å, ä, ö survive. */
export function toCsv(rows: Array<Array<string | number | null>>): string {
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    const s = typeof v === 'number' ? String(v).replace('.', ',') : v;
    // A cell beginning with = + - @ would be run as a formula by a spreadsheet (CSV injection).
    const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

/**
 * The key figures as a file to take away (issue 7 item 3). The same values, suppressed the same
 * way, as the dashboard shows; the export is written to the audit trail because it leaves Samplan.
 */
export async function exportKeyFigures(ctx: Context, o: ComputeOptions & { format: ExportFormat }): Promise<{ body: Buffer | string; filename: string }> {
  return ctx.db.transaction(async (tx) => {
    const table = await computeKeyFigures(ctx, o, tx);
    await appendAudit(tx, [actorEvent(o.actor, 'E', 'key_figures.export', {
      detail: { format: o.format, dimension: o.dimension, grain: o.grain, from: table.from, to: table.to, groups: o.groups ?? null },
    })]);
    const rows = exportRows(table);
    const filename = `nyckeltal-${table.dimension}-${table.from}-${table.to}.${o.format}`;
    if (o.format === 'csv') return { body: toCsv(rows), filename };
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Samplan';
    const ws = wb.addWorksheet('Nyckeltal');
    ws.addRows(rows);
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((c, i) => { c.width = [40, 36, 12, 10, 10, 10, 14, 80][i]; });
    const defs = wb.addWorksheet('Definitioner');
    defs.addRows([['Nyckeltal', 'Definition', 'Täljare', 'Nämnare', 'Enhet'], ...table.figures.map((f) => [f.name, f.definition, f.numerator, f.denominator, f.unit])]);
    defs.getRow(1).font = { bold: true };
    return { body: Buffer.from(await wb.xlsx.writeBuffer()), filename };
  });
}
