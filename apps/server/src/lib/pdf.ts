/**
 * .docx → .pdf qua LibreOffice chạy không giao diện (headless).
 *
 * Mỗi lần chuyển dùng một thư mục tạm riêng (tệp vào, tệp ra, cấu hình phông và hồ sơ người dùng
 * LibreOffice), nên nhiều lần chuyển song song không giẫm lên nhau; thư mục tạm luôn được xóa sau khi
 * xong. Quá 120 giây thì cả nhóm tiến trình LibreOffice bị dừng.
 * Văn bản dùng phông Times New Roman; trên máy chủ Linux phông này thường không có, nên trước khi
 * chuyển ta ghi một cấu hình fontconfig ánh xạ "Times New Roman" sang Tinos (cùng số đo, đủ dấu tiếng
 * Việt) để LibreOffice không rơi về một phông thay thế thiếu dấu.
 */
import { spawn } from 'node:child_process';
import { access, constants, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../errors.ts';

const TIMEOUT_MS = 120_000;
const SOFFICE_NAMES = ['soffice', 'libreoffice'];
const SYSTEM_FONTS_CONF = '/etc/fonts/fonts.conf';

/** Tìm tệp thực thi trên PATH; không chạy chương trình nào. */
async function which(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // thử thư mục kế tiếp
    }
  }
  return null;
}

async function sofficePath(): Promise<string | null> {
  for (const name of SOFFICE_NAMES) {
    const found = await which(name);
    if (found) return found;
  }
  return null;
}

/** Máy chủ có LibreOffice (soffice) trên PATH hay không. */
export async function pdfAvailable(): Promise<boolean> {
  return (await sofficePath()) !== null;
}

function fontsConf(): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">${SYSTEM_FONTS_CONF}</include>
  <!-- LibreOffice's own table maps Times New Roman to Liberation Serif whenever that family is
       installed (Debian pulls it in with chromium); hide it so the alias below decides. -->
  <selectfont>
    <rejectfont>
      <pattern><patelt name="family"><string>Liberation Serif</string></patelt></pattern>
    </rejectfont>
  </selectfont>
  <alias binding="same">
    <family>Times New Roman</family>
    <prefer><family>Tinos</family></prefer>
  </alias>
  <alias binding="same">
    <family>Times</family>
    <prefer><family>Tinos</family></prefer>
  </alias>
</fontconfig>
`;
}

/** Chạy LibreOffice trong một nhóm tiến trình riêng, để khi quá thời gian thì dừng được cả
 * soffice.bin (tệp soffice chỉ là kịch bản khởi động). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 8192) stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`quá thời gian ${TIMEOUT_MS / 1000} giây`));
      else if (code !== 0) reject(new Error(stderr.trim() || `mã thoát ${String(code)}`));
      else resolve();
    });
  });
}

/** Chuyển một tệp .docx sang PDF. Ném AppError('PDF_UNAVAILABLE') khi máy chủ chưa cài LibreOffice. */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  const soffice = await sofficePath();
  if (!soffice) throw new AppError('PDF_UNAVAILABLE');
  const work = await mkdtemp(join(tmpdir(), 'chiso-pdf-'));
  try {
    // Cấu hình phông riêng cho lần chuyển này (tệp nhỏ; không chia sẻ giữa các tiến trình).
    const conf = join(work, 'fonts.conf');
    await writeFile(conf, fontsConf(), 'utf8');
    const input = join(work, 'vanban.docx');
    const outDir = join(work, 'out');
    const profile = join(work, 'profile');
    await mkdir(outDir);
    await writeFile(input, docx);
    // LibreOffice's own temporary files go in the work directory too, removed below
    const env: NodeJS.ProcessEnv = { ...process.env, FONTCONFIG_FILE: conf, HOME: work, TMPDIR: work };
    try {
      await run(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          'pdf',
          '--outdir',
          outDir,
          input,
        ],
        env,
      );
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new AppError('INTERNAL', undefined, { pdf: `LibreOffice không chuyển được sang PDF: ${why}` });
    }
    try {
      return await readFile(join(outDir, 'vanban.pdf'));
    } catch {
      throw new AppError('INTERNAL', undefined, { pdf: 'LibreOffice không tạo ra tệp PDF.' });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
