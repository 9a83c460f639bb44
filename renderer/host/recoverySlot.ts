/**
 * The browser's recovery slot: one IndexedDB record holding the latest unsaved project (its bytes,
 * runs and weights included). IndexedDB rather than localStorage: weights are megabytes, and
 * localStorage holds a few megabytes of strings at most.
 */

/** Where the web host keeps its one recovery record; tests pass an in-memory one. */
export interface RecoverySlot {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
  delete(): Promise<void>;
}

const DATABASE = 'netwright';
const STORE = 'recovery';
const KEY = 'latest';

const settle = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

/** The slot over `indexedDB`; each call opens the database briefly, so no connection outlives a write. */
export function indexedDbRecoverySlot(factory: IDBFactory): RecoverySlot {
  const open = (): Promise<IDBDatabase> => {
    const request = factory.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    return settle(request);
  };
  const withStore = async <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    try {
      const transaction = db.transaction(STORE, mode);
      const done = new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
        transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
      });
      const result = await settle(act(transaction.objectStore(STORE)));
      await done;
      return result;
    } finally {
      db.close();
    }
  };
  return {
    get: () => withStore('readonly', (store) => store.get(KEY)),
    set: async (value) => {
      await withStore('readwrite', (store) => store.put(value, KEY));
    },
    delete: async () => {
      await withStore('readwrite', (store) => store.delete(KEY));
    },
  };
}

/** A slot in memory (no IndexedDB: some private modes, tests). */
export function memoryRecoverySlot(): RecoverySlot {
  let value: unknown;
  return {
    get: () => Promise.resolve(value),
    set: (next) => {
      value = next;
      return Promise.resolve();
    },
    delete: () => {
      value = undefined;
      return Promise.resolve();
    },
  };
}
