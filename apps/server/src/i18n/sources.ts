/** Finds the user-facing message literals in the server's sources, for the test that requires each
 * to have its English (test/englishMessages.test.ts) and for writing that English: the message of
 * `new AppError(code, message)`, and `message`, `title` and `body` properties written as Vietnamese
 * literals (error bodies sent by hand, notices). A template literal is kept as written, `${…}`
 * included: that text is the msgid of the catalogue (messages.en.ts). Documents (Vietnamese by law)
 * and the seeds are not messages. */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface MessageLiteral {
  file: string;
  line: number;
  msgid: string;
}

const VIETNAMESE = /[À-ỹĐđ]/;
const PROPERTIES = new Set(['message', 'title', 'body']);
const SKIP = [/\/modules\/documents\//, /\/modules\/system\/seed/, /\/i18n\//];

/** The literal(s) an expression can be: a string, a template as written, either side of `?:`. */
function literals(node: ts.Expression, src: ts.SourceFile): string[] {
  if (ts.isParenthesizedExpression(node)) return literals(node.expression, src);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.getText(src).slice(1, -1)];
  if (ts.isConditionalExpression(node))
    return [...literals(node.whenTrue, src), ...literals(node.whenFalse, src)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [l, r] = [literals(node.left, src), literals(node.right, src)];
    return l.length === 1 && r.length === 1 ? [l[0]! + r[0]!] : [...l, ...r];
  }
  return [];
}

export function messagesIn(file: string, text: string): MessageLiteral[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: MessageLiteral[] = [];
  const add = (node: ts.Expression) => {
    for (const msgid of literals(node, src))
      if (VIETNAMESE.test(msgid))
        out.push({ file, line: src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1, msgid });
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'AppError' &&
      node.arguments?.[1]
    )
      add(node.arguments[1]);
    else if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      PROPERTIES.has(node.name.text)
    )
      add(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

/** Every message literal under `dir` (the server's src/), in file order. */
export function serverMessages(dir: string): MessageLiteral[] {
  const out: MessageLiteral[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) {
        const rel = path.relative(dir, full).split(path.sep).join('/');
        if (SKIP.some((re) => re.test(`/${rel}`))) continue;
        out.push(...messagesIn(rel, fs.readFileSync(full, 'utf8')));
      }
    }
  };
  walk(dir);
  return out;
}
