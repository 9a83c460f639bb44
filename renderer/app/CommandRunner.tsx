/** Gives components one way to run a command by id, with the context (store, host, files, canvas) filled in. */
import { createContext, useContext } from 'react';

export interface CommandRunner {
  run(commandId: string): void;
}

export const CommandRunnerContext = createContext<CommandRunner | null>(null);

/** The app's command runner; throws outside <App>. */
export function useCommandRunner(): CommandRunner {
  const runner = useContext(CommandRunnerContext);
  if (!runner) throw new Error('useCommandRunner must be used inside the app.');
  return runner;
}
