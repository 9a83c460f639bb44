/** The layer palette: catalog categories, searchable; drag a layer onto the canvas or click to add it. */
import type { DragEvent } from 'react';
import { catalog, CATEGORY_ORDER, LAYER_TYPES } from '../../engine/model';
import type { LayerType } from '../../engine/model';
import { useEditor } from '../store/EditorContext';
import { categoryStyle } from './categoryStyle';
import { LAYER_DRAG_TYPE } from './flowTypes';

function matches(type: LayerType, query: string): boolean {
  if (!query) return true;
  const spec = catalog[type];
  const q = query.toLowerCase();
  return spec.label.toLowerCase().includes(q) || spec.category.toLowerCase().includes(q) || spec.doc.toLowerCase().includes(q);
}

export function Palette({ onAdd }: { onAdd: (type: LayerType) => void }) {
  const query = useEditor((s) => s.paletteQuery);
  const setQuery = useEditor((s) => s.setPaletteQuery);
  const groups = CATEGORY_ORDER.map((category) => ({
    category,
    types: LAYER_TYPES.filter((t) => catalog[t].category === category && matches(t, query.trim())),
  })).filter((g) => g.types.length > 0);

  const onDragStart = (event: DragEvent, type: LayerType) => {
    event.dataTransfer.setData(LAYER_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="palette" aria-label="Layers">
      <div className="panel-title">Layers</div>
      <input
        className="palette__search"
        type="search"
        placeholder="Search layers…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="palette-search"
        aria-label="Search layers"
      />
      <div className="palette__groups">
        {groups.map(({ category, types }) => (
          <section key={category} className="palette__group">
            <h3 className="palette__category">{category}</h3>
            {types.map((type) => (
              <button
                key={type}
                type="button"
                className="palette__item"
                style={categoryStyle(catalog[type].category)}
                draggable
                onDragStart={(e) => onDragStart(e, type)}
                onClick={() => onAdd(type)}
                title={`${catalog[type].doc}\n\nDrag onto the canvas, or click to add (after the selected layer).`}
                data-testid={`palette-item-${type}`}
              >
                <span className="palette__dot" />
                {catalog[type].label}
              </button>
            ))}
          </section>
        ))}
        {groups.length === 0 && <p className="muted palette__empty">No layer matches “{query}”.</p>}
      </div>
    </aside>
  );
}
