/**
 * The preload exposes one small, named API (never raw ipcRenderer), checked with `satisfies`
 * against the type the renderer uses (Actual Budget's pattern).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type BridgeApi,
  type BridgeEvent,
} from '../shared/api/bridge';

const api = {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input),
  onEvent: (listener: (event: BridgeEvent) => void) => {
    const wrapped = (_e: IpcRendererEvent, event: BridgeEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.off(IPC_EVENT_CHANNEL, wrapped);
    };
  },
  platform: process.platform,
} satisfies BridgeApi;

contextBridge.exposeInMainWorld('tradeoff', api);
