/** A dismissible message from file operations: errors stay until dismissed, information fades. */
import { useEffect } from 'react';
import { useEditor } from '../store/EditorContext';

export function Notice() {
  const notice = useEditor((s) => s.notice);
  const notify = useEditor((s) => s.notify);
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(() => notify(null), 4000);
    return () => clearTimeout(timer);
  }, [notice, notify]);
  if (!notice) return null;
  return (
    <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span className="notice__text">{notice.text}</span>
      <button type="button" className="tool-button" onClick={() => notify(null)} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
