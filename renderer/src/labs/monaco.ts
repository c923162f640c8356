/**
 * Monaco, bundled by Vite and served from our own origin: the editor with its standard features,
 * TypeScript highlighting and the TypeScript language service. Its two workers (the editor's and
 * TypeScript's) are built by Vite as files of ours, so the page's `worker-src 'self'` covers them and
 * nothing is fetched from a CDN. Loaded only when a lab's code is opened.
 */
// The full editor (its standard contributions need each other's services), with every language
// registered lazily; only TypeScript is ever loaded here.
import * as monaco from 'monaco-editor';
import {
  getTypeScriptWorker,
  ModuleKind,
  ScriptTarget,
  typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

// A lab file is one module with no imports. CommonJS output lets the sandbox load it with
// `new Function('exports', …)`; strict checks match how the reference is written.
typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ES2020,
  module: ModuleKind.CommonJS,
  strict: true,
  noEmitOnError: false,
  lib: ['es2022'],
  allowNonTsExtensions: true,
});
typescriptDefaults.setEagerModelSync(true);

export { monaco };

export interface CompileProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Transpiles the model with the TypeScript worker (getEmitOutput) and collects its errors. Only
 * errors count as problems; warnings and suggestions do not stop a run.
 */
export async function compileModel(
  model: monaco.editor.ITextModel,
): Promise<{ js: string | null; problems: CompileProblem[] }> {
  const getWorker = await getTypeScriptWorker();
  const worker = await getWorker(model.uri);
  const file = model.uri.toString();
  const [syntactic, semantic, emitted] = await Promise.all([
    worker.getSyntacticDiagnostics(file),
    worker.getSemanticDiagnostics(file),
    worker.getEmitOutput(file),
  ]);
  const problems = [...syntactic, ...semantic]
    .filter((d) => d.category === 1) // DiagnosticCategory.Error
    .map((d) => {
      const at = model.getPositionAt(d.start ?? 0);
      const text = typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText;
      return { line: at.lineNumber, column: at.column, message: text };
    });
  const js = emitted.outputFiles.find((f) => f.name.endsWith('.js'))?.text ?? null;
  return { js, problems };
}
