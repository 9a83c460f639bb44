/** Project files with their runs: the archive reader and writer, shared by the app and the CLI. */
export { readProjectFile, writeProjectFile, isProjectArchive } from './projectArchive';
export type { ReadProjectFileResult, ProjectFileProblem, ShapeLookup } from './projectArchive';
export { FINISHED_RUN_STATUSES, WEIGHT_SETS, ARCHIVE_FORMAT, ARCHIVE_VERSION } from './runFile';
export type { ProjectRun, FinishedRunStatus, WeightSetName } from './runFile';
export { DEFAULT_ARCHIVE_LIMITS, isSafeEntryName } from './zipEntries';
export type { ArchiveLimits } from './zipEntries';
