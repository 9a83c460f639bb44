/**
 * The training settings of the project (document.training): loss (on the Output layer), optimiser and
 * its hyper-parameters, schedule with warm-up, batch size, epochs, validation, early stopping, best
 * weights, seed, gradient clipping. Every change is one undoable edit, checked by the document schema.
 */
import { OPTIMIZERS, SCHEDULES, lossSpec, trainingSchema } from '../../engine/model';
import type { OptimizerName, TrainingConfig } from '../../engine/model';
import { CommitInput } from '../components/CommitInput';
import { useEditor } from '../store/EditorContext';
import { outputLoss } from '../datasets/datasetFit';
import { OPTIMIZER_LABELS, OPTIMIZER_PARAM_INFO, optimizerParams, scheduleParams, switchOptimizer } from './settingsSpec';
import { useTraining } from './TrainingContext';

/** The schema's message for a candidate at `path`, so the form and file validation agree. */
function schemaError(candidate: TrainingConfig, path: string): string | null {
  const result = trainingSchema.safeParse(candidate);
  if (result.success) return null;
  return result.error.issues.find((i) => i.path.join('.') === path)?.message ?? null;
}

interface NumberSettingProps {
  id: string;
  label: string;
  title?: string;
  value: number | null | undefined;
  /** Shown when empty; an empty optional field commits null (the engine's default). */
  placeholder?: string;
  optional?: boolean;
  step?: number | 'any';
  /** The candidate document settings for a value, and the schema path to check. */
  apply: (value: number | null) => TrainingConfig;
  path: string;
  commit: (next: TrainingConfig) => void;
}

function NumberSetting({ id, label, title, value, placeholder, optional = false, step = 'any', apply, path, commit }: NumberSettingProps) {
  const parse = (text: string): number | null => (text.trim() === '' ? null : Number(text));
  const check = (text: string) => {
    const n = parse(text);
    if (n === null) return optional ? null : `${label} is required.`;
    if (!Number.isFinite(n)) return `${label} must be a number.`;
    const err = schemaError(apply(n), path);
    return err ? `${label}: ${err}` : null;
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={`setting-${id}`} title={title}>
        {label}
      </label>
      <CommitInput id={`setting-${id}`} testId={`setting-${id}`} numeric step={step} value={value === null || value === undefined ? '' : String(value)} placeholder={placeholder} check={check} onCommit={(t) => commit(apply(parse(t)))} />
    </div>
  );
}

/** Removes a key when the value is null, so "unset" means "engine default" in the file too. */
function withOptional<T extends object, K extends keyof T>(object: T, key: K, value: number | null): T {
  const next = { ...object };
  if (value === null) delete next[key];
  else (next as Record<K, unknown>)[key] = value;
  return next;
}

export function TrainingSettings() {
  const t = useEditor((s) => s.doc.training);
  const doc = useEditor((s) => s.doc);
  const edit = useEditor((s) => s.edit);
  const focusNode = useEditor((s) => s.focusNode);
  const setMode = useTraining((s) => s.setMode);
  const commit = (training: TrainingConfig) => edit({ type: 'setTraining', training });
  const loss = outputLoss(doc);
  const output = doc.nodes.find((n) => n.type === 'Output');
  const opt = t.optimizer;
  const schedule = t.schedule;

  return (
    <section className="training-settings" data-testid="training-settings">
      <div className="panel-title">Training</div>
      <div className="settings-body">
        <div className="field">
          <span className="field__label">Loss (on the Output layer)</span>
          <div className="readonly-row">
            <span data-testid="setting-loss" title={loss ? `Accuracy: ${lossSpec(loss)?.accuracyMeaning ?? '–'}` : undefined}>
              {loss ? (lossSpec(loss)?.label ?? loss) : 'No Output layer'}
            </span>
            {output && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setMode('design');
                  focusNode(output.id);
                }}
              >
                Change
              </button>
            )}
          </div>
        </div>

        <h3 className="settings-section">Optimiser</h3>
        <div className="option-grid">
          <div className="field">
            <label className="field__label" htmlFor="setting-optimizer">
              Algorithm
            </label>
            <select id="setting-optimizer" className="field__input" value={opt.type} onChange={(e) => commit({ ...t, optimizer: switchOptimizer(opt, e.target.value as OptimizerName) })} data-testid="setting-optimizer">
              {OPTIMIZERS.map((o) => (
                <option key={o} value={o}>
                  {OPTIMIZER_LABELS[o]}
                </option>
              ))}
            </select>
          </div>
          <NumberSetting id="learningRate" label="Learning rate" value={opt.learningRate} path="optimizer.learningRate" apply={(v) => ({ ...t, optimizer: { ...opt, learningRate: v ?? Number.NaN } })} commit={commit} />
          {optimizerParams(opt.type).map((p) => (
            <NumberSetting
              key={p.key}
              id={p.key}
              label={OPTIMIZER_PARAM_INFO[p.key].label}
              title={OPTIMIZER_PARAM_INFO[p.key].doc}
              value={opt[p.key]}
              placeholder={String(p.default)}
              optional
              path={`optimizer.${p.key}`}
              apply={(v) => ({ ...t, optimizer: withOptional(opt, p.key, v) })}
              commit={commit}
            />
          ))}
        </div>

        <h3 className="settings-section">Learning-rate schedule</h3>
        <div className="option-grid">
          <div className="field">
            <label className="field__label" htmlFor="setting-schedule">
              Schedule
            </label>
            <select
              id="setting-schedule"
              className="field__input"
              value={schedule.type}
              onChange={(e) => commit({ ...t, schedule: { type: e.target.value as TrainingConfig['schedule']['type'], ...(schedule.warmupSteps !== undefined ? { warmupSteps: schedule.warmupSteps } : {}) } })}
              data-testid="setting-schedule"
            >
              {SCHEDULES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <NumberSetting id="warmupSteps" label="Warm-up steps" title="Linear warm-up from 0 over this many steps" value={schedule.warmupSteps} placeholder="0" optional step={1} path="schedule.warmupSteps" apply={(v) => ({ ...t, schedule: withOptional(schedule, 'warmupSteps', v) })} commit={commit} />
          {scheduleParams(schedule.type).map((p) => (
            <NumberSetting key={p.key} id={p.key} label={p.label} value={schedule[p.key]} placeholder={String(p.default)} optional step={p.integer ? 1 : 'any'} path={`schedule.${p.key}`} apply={(v) => ({ ...t, schedule: withOptional(schedule, p.key, v) })} commit={commit} />
          ))}
        </div>

        <h3 className="settings-section">Loop</h3>
        <div className="option-grid">
          <NumberSetting id="batchSize" label="Batch size" value={t.batchSize} step={1} path="batchSize" apply={(v) => ({ ...t, batchSize: v ?? Number.NaN })} commit={commit} />
          <NumberSetting id="epochs" label="Epochs" value={t.epochs} step={1} path="epochs" apply={(v) => ({ ...t, epochs: v ?? Number.NaN })} commit={commit} />
          <NumberSetting id="validationSplit" label="Validation split" title="Fraction of the training set held out to validate each epoch" value={t.validationSplit} path="validationSplit" apply={(v) => ({ ...t, validationSplit: v ?? Number.NaN })} commit={commit} />
          <NumberSetting id="seed" label="Seed" title="Same seed, same initial weights and batch order" value={t.seed} step={1} path="seed" apply={(v) => ({ ...t, seed: v ?? Number.NaN })} commit={commit} />
          <NumberSetting id="clipNorm" label="Clip norm" title="Rescale gradients whose global norm exceeds this" value={t.clipNorm} placeholder="off" optional path="clipNorm" apply={(v) => ({ ...t, clipNorm: v })} commit={commit} />
          <NumberSetting id="clipValue" label="Clip value" title="Clamp each gradient element to ±this" value={t.clipValue} placeholder="off" optional path="clipValue" apply={(v) => ({ ...t, clipValue: v })} commit={commit} />
        </div>

        <h3 className="settings-section">Stopping</h3>
        <label className="check-row">
          <input type="checkbox" className="field__checkbox" checked={t.earlyStopping.enabled} onChange={(e) => commit({ ...t, earlyStopping: { ...t.earlyStopping, enabled: e.target.checked } })} data-testid="setting-earlyStopping" />
          Stop early when validation stops improving
        </label>
        {t.earlyStopping.enabled && (
          <div className="option-grid">
            <div className="field">
              <label className="field__label" htmlFor="setting-esMetric">
                Watch
              </label>
              <select id="setting-esMetric" className="field__input" value={t.earlyStopping.metric} onChange={(e) => commit({ ...t, earlyStopping: { ...t.earlyStopping, metric: e.target.value === 'valAccuracy' ? 'valAccuracy' : 'valLoss' } })}>
                <option value="valLoss">Validation loss</option>
                <option value="valAccuracy">Validation accuracy</option>
              </select>
            </div>
            <NumberSetting id="patience" label="Patience (epochs)" value={t.earlyStopping.patience} step={1} path="earlyStopping.patience" apply={(v) => ({ ...t, earlyStopping: { ...t.earlyStopping, patience: v ?? Number.NaN } })} commit={commit} />
          </div>
        )}
        <label className="check-row">
          <input type="checkbox" className="field__checkbox" checked={t.keepBestWeights} onChange={(e) => commit({ ...t, keepBestWeights: e.target.checked })} data-testid="setting-keepBestWeights" />
          Keep the best epoch's weights
        </label>
        {t.validationSplit === 0 && (t.earlyStopping.enabled || t.keepBestWeights) && <div className="fit-note fit-note--info">Without a validation split, “best” is judged on the training loss.</div>}
      </div>
    </section>
  );
}
