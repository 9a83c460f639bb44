/** "• LeNet-5 — Netwright": the project name, with a leading dot while there are unsaved changes. */
export function formatWindowTitle(projectName: string, dirty: boolean): string {
  const name = projectName.trim() || 'Untitled';
  return `${dirty ? '• ' : ''}${name} — Netwright`;
}
