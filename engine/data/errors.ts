/** Errors a person sees when data cannot be loaded or does not fit the model: what, where, what to do. */

export type DatasetErrorCode = 'unknownDataset' | 'unavailable' | 'invalidOption' | 'badFile' | 'csv' | 'shapeMismatch' | 'invalidData';

/** A data problem with a message saying what and where, and a hint saying what to do. */
export class DatasetError extends Error {
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
    readonly hint: string = '',
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}
