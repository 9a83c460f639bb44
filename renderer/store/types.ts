/** The editor store's shape: four slices composed into one zustand store. */
import type { RecentFile } from '../host/host';
import type { LayerType, ModelDocument } from '../../engine/model';
import type { ClipboardPayload } from '../editor/clipboard';
import type { Edit, XYPosition } from '../editor/edits';
import type { HistoryState } from '../editor/history';
import type { Rect } from '../editor/placement';

export interface ReplaceOptions {
  /** Where the document came from: a file path, a file name, or a template id. */
  origin?: string;
  /** True when the document has never been saved to that origin (a template, a recovered draft). */
  dirty?: boolean;
  /** The file's name as a person sees it; a document without a name of its own is named after it. */
  fileName?: string;
}

export interface AddLayerOptions {
  /** Exactly here (where a layer was dropped); otherwise the store finds a free spot. */
  position?: XYPosition;
  /** Place the new layer after this one and connect its output into the new layer's first input. */
  connectFrom?: string;
  /** The visible canvas in flow coordinates: with nothing selected, the layer goes in free space there. */
  view?: Rect;
}

/** The document: the single source of truth, changed only through typed edits. */
export interface GraphSlice {
  doc: ModelDocument;
  getDocument(): ModelDocument;
  /** Applies edits as one undoable step (or part of the open batch). */
  edit(edits: Edit | readonly Edit[]): void;
  /** Opens a batch: every edit until the matching endBatch becomes one undo step (a drag, a layout). */
  beginBatch(): void;
  endBatch(): void;
  /** Loads a different document: history and selection start over, the document counts as saved. */
  replaceDocument(doc: ModelDocument, options?: ReplaceOptions): void;
  /**
   * Adds a layer with default params; returns its id and selects it. Without a position it goes after
   * the selection (or in free space in `view`), never on top of another layer.
   */
  addLayer(type: LayerType, options?: AddLayerOptions): string;
  deleteSelection(): void;
  copySelection(): void;
  /** Pastes after the selection, or in free space in `view` when nothing is selected, and selects the copy. */
  paste(view?: Rect): void;
  duplicateSelection(view?: Rect): void;
}

export interface HistorySlice {
  history: HistoryState;
  /** Step id the saved file reflects; the document is dirty when the current step differs. */
  savedStepId: number;
  /** Set when a replaced document was never saved (e.g. recovered work). */
  unsavedReplacement: boolean;
  undo(): void;
  redo(): void;
  isDirty(): boolean;
  /** Records that the current document is what `origin` holds on disk. */
  markSaved(origin?: string): void;
}

export interface SelectionSlice {
  selectedNodeIds: readonly string[];
  selectedEdgeIds: readonly string[];
  setSelection(selection: { nodes?: readonly string[]; edges?: readonly string[] }): void;
  /** Adds or removes single elements, as the canvas reports clicks and box selections. */
  changeSelection(changes: readonly { kind: 'node' | 'edge'; id: string; selected: boolean }[]): void;
  selectAll(): void;
  clearSelection(): void;
}

export type BottomPanel = 'summary' | 'issues';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/** View state that is neither document nor history: never saved, never undone. */
export interface UiSlice {
  /** The file path or name the document was opened from or saved to. */
  origin: string | null;
  /** Sizes the canvas measured; React Flow needs them back on every node it is given. */
  measured: Record<string, { width: number; height: number }>;
  clipboard: ClipboardPayload | null;
  /**
   * Names the app gave the document (a blank one's, a template's, one taken from its dataset). While the
   * document bears one of them, picking a dataset renames it ("iris classifier"); a typed name stays.
   */
  automaticNames: readonly string[];
  paletteQuery: string;
  templatePickerOpen: boolean;
  bottomPanel: BottomPanel;
  notice: Notice | null;
  recentFiles: RecentFile[];
  /** Counts document replacements; the canvas fits the view to each new document. */
  documentEpoch: number;
  /** Incremented request to centre the canvas on a node (issues list, summary rows). */
  focusRequest: { nodeId: string; seq: number } | null;
  setMeasured(sizes: Record<string, { width: number; height: number }>): void;
  setPaletteQuery(query: string): void;
  setTemplatePickerOpen(open: boolean): void;
  setBottomPanel(panel: BottomPanel): void;
  notify(notice: Notice | null): void;
  setRecentFiles(files: RecentFile[]): void;
  focusNode(nodeId: string): void;
}

export type EditorState = GraphSlice & HistorySlice & SelectionSlice & UiSlice;
