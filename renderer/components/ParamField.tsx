/**
 * One generated inspector field for a catalog ParamSpec: number inputs with their bounds, selects,
 * checkboxes and the "28, 28, 1" shape input; validation messages show inline under the field.
 */
import { CommitInput } from './CommitInput';
import { parseShapeText, validateParam } from '../../engine/model';
import type { ParamSpec, ParamValue } from '../../engine/model';

interface Props {
  spec: ParamSpec;
  value: ParamValue;
  onCommit: (value: ParamValue) => void;
}

function toText(spec: ParamSpec, value: ParamValue): string {
  if (spec.kind === 'shape') return Array.isArray(value) ? value.join(', ') : String(value);
  return String(value);
}

function parseDraft(spec: ParamSpec, text: string): ParamValue | string {
  if (spec.kind === 'shape') return parseShapeText(text) ?? `${spec.label}: write whole numbers separated by commas, e.g. 28, 28, 1.`;
  const trimmed = text.trim();
  if (trimmed === '') return `${spec.label} needs a value.`;
  const n = Number(trimmed);
  return Number.isNaN(n) ? `${spec.label} must be a number.` : n;
}

function TextParam({ spec, value, onCommit }: Props) {
  const numeric = spec.kind === 'int' || spec.kind === 'float';
  const check = (text: string): string | null => {
    const parsed = parseDraft(spec, text);
    return typeof parsed === 'string' ? parsed : validateParam(spec, parsed);
  };
  return (
    <CommitInput
      id={`param-${spec.name}`}
      value={toText(spec, value)}
      check={check}
      onCommit={(text) => onCommit(parseDraft(spec, text))}
      numeric={numeric}
      min={spec.min}
      max={spec.max}
      step={spec.kind === 'int' ? 1 : 'any'}
      testId={`param-${spec.name}`}
    />
  );
}

export function ParamField(props: Props) {
  const { spec, value, onCommit } = props;
  let control;
  switch (spec.kind) {
    case 'enum':
      control = (
        <select id={`param-${spec.name}`} className="field__input" value={String(value)} onChange={(e) => onCommit(e.target.value)} data-testid={`param-${spec.name}`}>
          {(spec.options ?? []).map((o) => (
            <option key={o} value={o}>
              {spec.optionLabels?.[o] ?? o}
            </option>
          ))}
        </select>
      );
      break;
    case 'bool':
      control = (
        <input
          id={`param-${spec.name}`}
          type="checkbox"
          className="field__checkbox"
          checked={value === true}
          onChange={(e) => onCommit(e.target.checked)}
          data-testid={`param-${spec.name}`}
        />
      );
      break;
    case 'int':
    case 'float':
    case 'shape':
      control = <TextParam {...props} />;
      break;
    default: {
      const unreachable: never = spec.kind;
      return unreachable;
    }
  }
  return (
    <div className={`field${spec.kind === 'bool' ? ' field--inline' : ''}`}>
      <label className="field__label" htmlFor={`param-${spec.name}`} title={spec.doc}>
        {spec.label}
      </label>
      {control}
    </div>
  );
}
