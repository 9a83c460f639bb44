/**
 * A text or number input that keeps a draft while the person types and commits on blur or Enter, so
 * one edit of a field is one undo step. A draft that fails `check` shows the message and is not committed.
 */
import { useState } from 'react';

interface Props {
  id: string;
  value: string;
  /** Returns a message for the person when the text is not acceptable. */
  check: (text: string) => string | null;
  onCommit: (text: string) => void;
  numeric?: boolean;
  min?: number;
  max?: number;
  step?: number | 'any';
  testId?: string;
  placeholder?: string;
  list?: string;
}

export function CommitInput({ id, value, check, onCommit, numeric = false, min, max, step, testId, placeholder, list }: Props) {
  // The draft remembers which committed value it started from; when that changes (undo, another
  // layer selected) the draft is dropped and the new value shows.
  const [draft, setDraft] = useState({ text: value, from: value });
  const text = draft.from === value ? draft.text : value;
  const error = check(text);
  const commit = () => {
    if (text !== value && !error) onCommit(text);
  };
  return (
    <>
      <input
        id={id}
        className={`field__input${error ? ' is-invalid' : ''}`}
        type={numeric ? 'number' : 'text'}
        min={min}
        max={max}
        step={step}
        value={text}
        placeholder={placeholder}
        list={list}
        onChange={(e) => setDraft({ text: e.target.value, from: value })}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft({ text: value, from: value });
        }}
        aria-invalid={!!error}
        data-testid={testId}
      />
      {error && (
        <div className="field__error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </div>
      )}
    </>
  );
}
