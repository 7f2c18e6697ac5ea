// The one typed door to the Rust core: every command the UI may call, with the types
// generated from Rust (bindings.ts). No component calls `invoke` with a string name.
import { invoke } from '@tauri-apps/api/core';
import type {
  ActionKind,
  AppError,
  AppInfo,
  Client,
  Lang,
  ProjectPage,
  ProjectSummary,
} from './bindings';

export type * from './bindings';

/** An error from the core: `code` is stable, `message` is for people. */
export class IpcError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'IpcError';
  }
}

function isAppError(e: unknown): e is AppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string'
  );
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isAppError(e)) throw new IpcError(e.code, e.message);
    throw new IpcError('ipc', String(e));
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  setLanguage: (lang: Lang) => call<AppInfo>('set_language', { lang }),
  listClients: () => call<Client[]>('list_clients'),
  createClient: (name: string) => call<Client>('create_client', { name }),
  listProjects: () => call<ProjectSummary[]>('list_projects'),
  createProject: (clientId: number, title: string) =>
    call<ProjectSummary>('create_project', { clientId, title }),
  renameProject: (id: number, title: string) =>
    call<ProjectSummary>('rename_project', { id, title }),
  projectPage: (id: number) => call<ProjectPage>('project_page', { id }),
  advance: (id: number, action: ActionKind, comment: string) =>
    call<ProjectPage>('advance', { id, action, comment }),
  addStage: (id: number, title: string) => call<ProjectPage>('add_stage', { id, title }),
};
