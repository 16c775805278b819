/** Files to the user's disk. */
import { getFile } from '../api/http.ts';
import { errText } from './errors.ts';

/** What the user sees while a file is made (a PDF takes 2–3 s): set once by the app (App.tsx). */
export interface DownloadNotifier {
  start(key: string): void;
  done(key: string): void;
  fail(key: string, text: string): void;
}
let notifier: DownloadNotifier | null = null;
export function setDownloadNotifier(n: DownloadNotifier | null) {
  notifier = n;
}

const inFlight = new Set<string>();

/** Whether `url` is being made right now (a button may show itself busy). */
export const isDownloading = (url: string) => inFlight.has(url);

/** Download a file from a GET route: fetched with the session, "Đang tạo tệp…" shown meanwhile, then
 * saved under the name the server gives in `content-disposition`. A second click on the same file
 * while it is made does nothing; a refusal of the server is shown as its message. */
export function download(url: string): Promise<void> {
  if (inFlight.has(url)) return Promise.resolve();
  inFlight.add(url);
  notifier?.start(url);
  return getFile(url)
    .then(({ blob, fileName }) => {
      saveFile(blob, fileName ?? decodeURIComponent(url.split('?')[0]!.split('/').pop() ?? 'tep'));
      notifier?.done(url);
    })
    .catch((e: unknown) => notifier?.fail(url, errText(e)))
    .finally(() => inFlight.delete(url));
}

/** Save content the page already holds (a report returned for an upload) under `name`. */
export function saveFile(blob: Blob, name: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
