/**
 * Project files: the model document as stable, pretty JSON, and reading one back with errors that say
 * what is wrong and where. These functions never throw, so a bad file can never disturb the open project.
 */
import { DOCUMENT_VERSION, documentSchema, type ModelDocument } from './document';
import { MIGRATIONS, parseDocument } from './migrations';
import { parseJsonText } from './jsonSyntax';

/** Why a file could not be opened. */
export type ProjectProblem = 'malformed-json' | 'not-a-project' | 'newer-version' | 'invalid-document';

/** One schema problem, with the node or edge it belongs to when there is one. */
export interface ProjectIssue {
  /** JSON path such as `nodes[2].params.units`. */
  path: string;
  nodeId?: string;
  edgeId?: string;
  message: string;
}

export type ParseProjectResult =
  | { ok: true; doc: ModelDocument; migratedFrom?: number }
  | { ok: false; problem: ProjectProblem; message: string; issues: ProjectIssue[] };

/** Keys written first, in this order; the rest follow alphabetically. Keeps files diff-friendly. */
const LEADING_KEYS = ['format', 'version', 'id', 'type', 'name', 'description', 'source', 'target', 'targetPort', 'position', 'params', 'nodes', 'edges', 'training'];
const rank = (key: string): number => {
  const index = LEADING_KEYS.indexOf(key);
  return index === -1 ? LEADING_KEYS.length : index;
};

function withStableKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withStableKeys);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, withStableKeys((value as Record<string, unknown>)[key])]));
}

/** The project file text for a document: two-space JSON, keys in a fixed order, ending in a newline. */
export function serializeProject(doc: ModelDocument): string {
  return `${JSON.stringify(withStableKeys(doc), null, 2)}\n`;
}

const failure = (problem: ProjectProblem, fileName: string, detail: string, issues: ProjectIssue[] = []): ParseProjectResult => ({
  ok: false,
  problem,
  message: `Could not open "${fileName}": ${detail}`,
  issues,
});

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

/** Schema problems of a current-or-older document, each tied to its node or edge id when it has one. */
function schemaIssues(json: Record<string, unknown>): ProjectIssue[] {
  let doc = json;
  try {
    for (let v = json.version as number; v < DOCUMENT_VERSION; v++) doc = MIGRATIONS[v](doc);
  } catch {
    return [];
  }
  const parsed = documentSchema.safeParse(doc);
  if (parsed.success) return [];
  const idAt = (list: unknown, index: unknown): string | undefined => {
    const item = Array.isArray(list) && typeof index === 'number' ? (list[index] as { id?: unknown } | undefined) : undefined;
    return typeof item?.id === 'string' ? item.id : undefined;
  };
  return parsed.error.issues.map((issue) => {
    const [section, index] = issue.path;
    const nodeId = section === 'nodes' ? idAt(doc.nodes, index) : undefined;
    const edgeId = section === 'edges' ? idAt(doc.edges, index) : undefined;
    return { path: formatPath(issue.path), message: issue.message, ...(nodeId ? { nodeId } : {}), ...(edgeId ? { edgeId } : {}) };
  });
}

function describeIssue(issue: ProjectIssue): string {
  const owner = issue.nodeId ? ` (layer "${issue.nodeId}")` : issue.edgeId ? ` (connection "${issue.edgeId}")` : '';
  return `  ${issue.path}${owner}: ${issue.message}`;
}

/**
 * Reads a project file's text. `fileName` names the file in messages. Older versions are upgraded
 * (`migratedFrom` says from which); newer ones are refused with a request to update.
 */
export function parseProject(text: string, fileName: string): ParseProjectResult {
  const read = parseJsonText(text);
  if (!read.ok) return failure('malformed-json', fileName, read.message);
  const json = read.json;
  const record = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (record?.format === 'netwright-model' && typeof record.version === 'number' && record.version > DOCUMENT_VERSION) {
    return failure(
      'newer-version',
      fileName,
      `it was made by a newer Netwright (version ${record.version}; this one reads up to ${DOCUMENT_VERSION}) — update Netwright to open it.`,
    );
  }
  let result: ReturnType<typeof parseDocument>;
  try {
    result = parseDocument(json);
  } catch (err) {
    return failure('invalid-document', fileName, `the model could not be read (${(err as Error).message}).`);
  }
  if (result.ok) return result;
  if (!record || record.format !== 'netwright-model') return failure('not-a-project', fileName, result.error);
  const issues = typeof record.version === 'number' ? schemaIssues(record) : [];
  const detail = issues.length ? `the model does not match the format:\n${issues.map(describeIssue).join('\n')}` : result.error;
  return failure('invalid-document', fileName, detail, issues);
}

/** A file name for saving a project called `name`: characters file systems reject are replaced. */
export function suggestedFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').trim().replace(/^\.+/, '');
  return `${safe || 'Untitled'}.netwright`;
}
