/**
 * `netwright validate <file>`: checks a project file like the app does when opening it, then prints the
 * layer table and totals. Exit 0 when valid, 1 when the model has errors, 2 when the file cannot be read.
 */
import path from 'node:path';
import { analyzeGraph, formatCount, modelSummary, type GraphIssue } from '../../engine/model';
import { readProjectFile } from '../../engine/project';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { renderTable, withThousands } from '../table';
import { sanitizeText } from '../text';
import { plural } from '../../engine/model/plural';

function describeReadError(file: string, err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const reasons: Record<string, string> = {
    ENOENT: 'the file does not exist',
    EACCES: 'permission denied',
    EISDIR: 'it is a folder, not a file',
  };
  return `netwright validate: cannot read ${file}: ${reasons[code] ?? (err instanceof Error ? err.message : String(err))}.`;
}

function describeGraphIssue(issue: GraphIssue): string {
  const where = issue.nodeId ? `node ${issue.nodeId}` : issue.edgeId ? `edge ${issue.edgeId}` : 'model';
  return sanitizeText(`${issue.severity}: [${where}] ${issue.message}`);
}

async function validate(args: string[], io: CliIo): Promise<number> {
  const files = args.filter((a) => a !== '--');
  if (files.length !== 1 || files[0].startsWith('-')) {
    io.err('Usage: netwright validate <file>');
    return EXIT.failure;
  }
  const file = files[0];
  let bytes: Uint8Array;
  try {
    bytes = io.readBytes ? await io.readBytes(file) : new TextEncoder().encode(await io.readTextFile(file));
  } catch (err) {
    io.err(describeReadError(file, err));
    return EXIT.failure;
  }

  // A project file is JSON, or an archive that also holds its runs: the app's reader takes both.
  const parsed = readProjectFile(bytes, path.basename(file));
  if (!parsed.ok) {
    if (parsed.issues.length === 0) io.err(sanitizeText(`error: ${parsed.message}`));
    for (const issue of parsed.issues) {
      const where = issue.nodeId ? `node ${issue.nodeId}` : issue.edgeId ? `edge ${issue.edgeId}` : 'model';
      io.err(sanitizeText(`error: [${where}] ${issue.path}: ${issue.message}`));
    }
    io.err(`${file}: not a valid Netwright model.`);
    return EXIT.invalid;
  }

  const { doc } = parsed;
  const analysis = analyzeGraph(doc);
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  const warnings = analysis.issues.filter((i) => i.severity === 'warning');
  if (errors.length > 0) {
    for (const issue of [...errors, ...warnings]) io.err(describeGraphIssue(issue));
    io.err(`${file}: ${plural(errors.length, 'error')}; the model cannot be trained until they are fixed.`);
    return EXIT.invalid;
  }

  const summary = modelSummary(doc, analysis);
  io.out(`${sanitizeText(doc.name)} (${file})`);
  if (parsed.runs.length > 0) io.out(`The project holds ${plural(parsed.runs.length, 'saved run')}.`);
  if (parsed.migratedFrom) io.out(`Upgraded from format version ${parsed.migratedFrom} while reading; saving it in the app writes the current version.`);
  io.out('');
  const columns = [{ header: 'Layer' }, { header: 'Type' }, { header: 'Output shape' }, { header: 'Params', align: 'right' as const }];
  const rows = summary.rows.map((row) => [sanitizeText(row.name), row.type, row.outputShape, withThousands(row.params)]);
  for (const line of renderTable(columns, rows)) io.out(line);
  io.out('');
  io.out(`Total parameters: ${withThousands(summary.totalParams)}`);
  io.out(`FLOPs per sample: ${withThousands(summary.totalFlops)} (${formatCount(summary.totalFlops)})`);
  for (const issue of warnings) io.err(describeGraphIssue(issue));
  return EXIT.ok;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a model file and print its layers, parameters and FLOPs.',
  usage: '<file>',
  run: validate,
};
