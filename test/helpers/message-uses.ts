import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Where code makes a catalog message: `msg('a.b', { x, y })`, `msg(cond ? 'a.b' : 'c.d')`, and
 * `{ key: 'a.b', params: {…} }` literals. `params` lists the parameter names when the code spells
 * them out (null when they come from a variable or a spread).
 */
export type MessageUse = { where: string; key: string; params: string[] | null };

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const literalKeys = (node: ts.Expression): string[] | null => {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literalKeys(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = literalKeys(node.whenTrue);
    const b = literalKeys(node.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  return null;
};

const paramNames = (node: ts.Expression | undefined): string[] | null => {
  if (node === undefined) return [];
  if (!ts.isObjectLiteralExpression(node)) return null;
  const names: string[] = [];
  for (const p of node.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) names.push(p.name.text);
    else return null;
  }
  return names;
};

export function messageUses(root: string, files: readonly string[]): MessageUse[] {
  const uses: MessageUse[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const at = (node: ts.Node) => `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg' && node.arguments[0]) {
        const params = paramNames(node.arguments[1]);
        for (const key of literalKeys(node.arguments[0]) ?? []) uses.push({ where: at(node), key, params });
      }
      if (ts.isObjectLiteralExpression(node)) {
        const props = new Map(node.properties.flatMap((p) => (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) ? [[p.name.text, p.initializer] as const] : [])));
        const key = props.get('key');
        const onlyMessage = props.size === node.properties.length && [...props.keys()].every((k) => k === 'key' || k === 'params');
        if (key && onlyMessage && (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) && /^[A-Za-z][\w-]*(\.[\w-]+)+$/.test(key.text)) {
          uses.push({ where: at(node), key: key.text, params: paramNames(props.get('params')) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}
