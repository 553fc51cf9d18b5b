import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layering rules of ARCHITECTURE.md, read from the source: platform/ knows no module, the
 * modules import each other without cycles, and a module writes only its own tables (another
 * module's rows change through that module's service). Pure over a list of files, so a test can
 * feed it planted violations.
 */

/** A source file, its path relative to the repository root with forward slashes (`src/modules/keys/service.ts`). */
export interface SourceFile {
  path: string;
  text: string;
}

export interface Violation {
  rule: 'platform-imports-module' | 'module-cycle' | 'foreign-write';
  file: string;
  detail: string;
}

/** `platform`, a module's name, or null for files outside both (app.ts, cli/, demo/). */
export function layerOf(file: string): string | null {
  const m = /^src\/modules\/([^/]+)\//.exec(file);
  if (m?.[1]) return m[1];
  return file.startsWith('src/platform/') ? 'platform' : null;
}

interface Import {
  /** The file the specifier names, as a repository path (`.js` read as `.ts`); null for packages. */
  target: string | null;
  /** Local name → the name the target exports. */
  names: Map<string, string>;
}

function parse(file: SourceFile) {
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
}

/** Static imports, re-exports and dynamic `import('…')` of a file. */
export function importsOf(file: SourceFile, source = parse(file)): Import[] {
  const found: Import[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const names = new Map<string, string>();
      if (ts.isImportDeclaration(node)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) names.set(el.name.text, (el.propertyName ?? el.name).text);
        }
      }
      found.push({ target: resolve(file.path, node.moduleSpecifier.text), names });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ target: resolve(file.path, node.arguments[0].text), names: new Map() });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Module → the modules it imports, each with the files that do. Platform and files outside modules are left out. */
export function moduleGraph(files: readonly SourceFile[]): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const from = layerOf(file.path);
    if (!from || from === 'platform') continue;
    const edges = graph.get(from) ?? new Map<string, string[]>();
    graph.set(from, edges);
    for (const imp of importsOf(file)) {
      const to = imp.target ? layerOf(imp.target) : null;
      if (!to || to === from || to === 'platform') continue;
      const via = edges.get(to) ?? [];
      if (!via.includes(file.path)) via.push(file.path);
      edges.set(to, via);
    }
  }
  return graph;
}

/** The strongly connected components of more than one module (Tarjan): each is a cycle, or several. */
export function cyclesOf(graph: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return found;
}

/** Who owns which table: every `pgTable('name', …)` declared in a module's or the platform's files. */
export interface TableOwners {
  /** SQL table name → owning layer. */
  byName: Map<string, string>;
  /** Owning layer → exported variable → SQL table name. */
  byExport: Map<string, Map<string, string>>;
}

export function tableOwners(files: readonly SourceFile[]): TableOwners {
  const owners: TableOwners = { byName: new Map(), byExport: new Map() };
  for (const file of files) {
    const layer = layerOf(file.path);
    if (!layer || !file.text.includes('pgTable(')) continue;
    const visit = (node: ts.Node) => {
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        ts.isCallExpression(node.initializer) &&
        ts.isIdentifier(node.initializer.expression) &&
        node.initializer.expression.text === 'pgTable'
      ) {
        const [name] = node.initializer.arguments;
        if (name && ts.isStringLiteral(name)) {
          owners.byName.set(name.text, layer);
          const exports = owners.byExport.get(layer) ?? new Map<string, string>();
          exports.set(node.name.text, name.text);
          owners.byExport.set(layer, exports);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return owners;
}

const WRITE_SQL = /\b(insert\s+into|update|delete\s+from)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

/**
 * Writes from one module (or the platform) into a table another module owns: a Drizzle
 * `.insert(t)`, `.update(t)` or `.delete(t)` on an imported table, and raw SQL inside a `sql`
 * template naming the table after `insert into`, `update` or `delete from`.
 */
export function foreignWrites(files: readonly SourceFile[], owners = tableOwners(files)): Violation[] {
  const found: Violation[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    if (!layer) continue;
    const source = parse(file);
    // Local names bound to another layer's tables.
    const foreignTable = new Map<string, { table: string; owner: string }>();
    for (const imp of importsOf(file, source)) {
      const owner = imp.target ? layerOf(imp.target) : null;
      if (!owner || owner === layer) continue;
      const tables = owners.byExport.get(owner);
      if (owner === 'platform') continue; // the platform's tables (audit log, outbox) are every module's to write
      for (const [local, exported] of imp.names) {
        const table = tables?.get(exported);
        if (table) foreignTable.set(local, { table, owner });
      }
    }
    const report = (node: ts.Node, table: string, owner: string, how: string, linesIn = 0) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push({ rule: 'foreign-write', file: `${file.path}:${line + 1 + linesIn}`, detail: `${how} writes ${owner}'s table ${table}` });
    };
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const [arg] = node.arguments;
        if ((method === 'insert' || method === 'update' || method === 'delete') && arg && ts.isIdentifier(arg)) {
          const hit = foreignTable.get(arg.text);
          if (hit) report(node, hit.table, hit.owner, `.${method}(${arg.text})`);
        }
      }
      if (ts.isTaggedTemplateExpression(node) && /(^|\.)sql$/.test(node.tag.getText(source))) {
        const text = sqlText(node.template, foreignTable);
        for (const m of text.matchAll(WRITE_SQL)) {
          const table = m[2]?.toLowerCase() ?? '';
          const owner = owners.byName.get(table);
          const linesIn = text.slice(0, m.index).split('\n').length - 1;
          if (owner && owner !== layer && owner !== 'platform')
            report(node, table, owner, `SQL "${m[1]?.toLowerCase()} ${table}"`, linesIn);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The template's SQL with `-- comments` dropped; an interpolated table stands as its name. */
function sqlText(template: ts.TemplateLiteral, tables: ReadonlyMap<string, { table: string }>): string {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return stripComments(template.text);
  let text = template.head.text;
  for (const span of template.templateSpans) {
    const named = ts.isIdentifier(span.expression) ? tables.get(span.expression.text)?.table : undefined;
    text += `${named ?? '$'}${span.literal.text}`;
  }
  return stripComments(text);
}

const stripComments = (sql: string) => sql.replace(/--[^\n]*/g, ' ');

export function platformImportsOfModules(files: readonly SourceFile[]): Violation[] {
  const found: Violation[] = [];
  for (const file of files) {
    if (layerOf(file.path) !== 'platform') continue;
    for (const imp of importsOf(file)) {
      const to = imp.target ? layerOf(imp.target) : null;
      if (to && to !== 'platform') found.push({ rule: 'platform-imports-module', file: file.path, detail: `imports ${imp.target}` });
    }
  }
  return found;
}

export function moduleCycles(files: readonly SourceFile[]): Violation[] {
  const graph = moduleGraph(files);
  return cyclesOf(graph).map((members) => {
    const edges = members.flatMap((from) =>
      members.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to} (${graph.get(from)?.get(to)?.[0]})`),
    );
    return { rule: 'module-cycle', file: members.join(', '), detail: edges.join('; ') };
  });
}

export function architectureViolations(files: readonly SourceFile[]): Violation[] {
  return [...platformImportsOfModules(files), ...moduleCycles(files), ...foreignWrites(files)];
}

/** Every .ts file under `dir` (a repository path), read from disk. */
export function readSources(root: string, dir = 'src'): SourceFile[] {
  const walk = (rel: string): SourceFile[] =>
    readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((entry) => {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) return walk(child);
      return entry.name.endsWith('.ts') ? [{ path: child, text: readFileSync(path.join(root, child), 'utf8') }] : [];
    });
  return walk(dir);
}
