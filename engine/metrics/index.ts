/** Evaluation metrics for classification, ROC analysis, regression and plot smoothing. */
export { accuracy, argmaxRows, classificationReport, confusionMatrix, reportFromConfusion, thresholdPredictions } from './classification';
export type { AveragedScores, ClassificationReport, ConfusionMatrix } from './classification';
export { oneVsRestRoc, rocAuc, rocCurve, trapezoidArea } from './roc';
export type { OneVsRestRoc, RocCurve } from './roc';
export { meanAbsoluteError, r2Score, rootMeanSquaredError } from './regression';
export { logLoss } from './logLoss';
export { smoothSeries } from './smooth';
