/**
 * Bounded formulas: mathjs's expression language can define functions, recurse, branch and build
 * matrices, so a one-line content-pack formula like `f(n) = n > 0 ? f(n-1) + f(n-1) : 1; f(60)`
 * runs for ever (and a user's scratchpad line could freeze the window the same way). Before anything
 * is evaluated, the text is parsed and its tree checked against a whitelist: numbers, names,
 * parentheses, arithmetic operators and a few pure functions. Everything else is refused with a
 * message naming the construct, so a pack author knows what to change.
 *
 * Without definitions, conditionals or ranges there is no loop: evaluating an accepted tree takes
 * one step per node, and the node count is capped, so the work is bounded by the caps below.
 */
import type { MathNode } from 'mathjs';

/** Longer than any real formula (the built-in pack's longest is about 100 characters). */
export const MAX_FORMULA_LENGTH = 500;
/** Numbers, names and operators together; also bounds the parser's and the walk's depth. */
export const MAX_FORMULA_NODES = 300;

/** Pure numeric functions with bounded cost (no callbacks, no matrices built from a size). */
export const SAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'sqrt',
  'log',
  'log2',
  'log10',
  'exp',
  'ceil',
  'floor',
  'round',
  'min',
  'max',
  'abs',
  'pow',
]);

/** mathjs OperatorNode `fn` names for + - * / ^ and unary minus and plus. */
export const ARITHMETIC_OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'unaryMinus',
  'unaryPlus',
]);

export interface FormulaRules {
  functions: ReadonlySet<string>;
  operators: ReadonlySet<string>;
  /** Allow `name = expression` as the whole formula (the scratchpad names its lines). */
  allowNaming?: boolean;
  /** What is allowed, in words, appended to each refusal. */
  allowedText: string;
}

export const CONTENT_FORMULA_RULES: FormulaRules = {
  functions: SAFE_FUNCTIONS,
  operators: ARITHMETIC_OPERATORS,
  allowedText: 'only numbers, names, + - * / ^, parentheses and the listed functions are allowed',
};

/** Why each refused node type is refused, in the words a pack author would use. */
const REFUSED: Record<string, string> = {
  FunctionAssignmentNode: 'defines a function (like "f(x) = …")',
  AssignmentNode: 'assigns a value (like "x = …")',
  ConditionalNode: 'uses a conditional (like "a ? b : c")',
  BlockNode: 'holds several statements (separated by ";" or a new line)',
  RangeNode: 'uses a range (like "1:10")',
  ArrayNode: 'uses a matrix or list (like "[1, 2]")',
  MatrixNode: 'uses a matrix or list (like "[1, 2]")',
  ObjectNode: 'uses an object (like "{a: 1}")',
  AccessorNode: 'reads a property or an index (like "a.b" or "a[1]")',
  IndexNode: 'reads a property or an index (like "a.b" or "a[1]")',
  RelationalNode: 'compares values (like "a < b")',
};

export type ParsedFormula = { ok: true; node: MathNode } | { ok: false; error: string };

/** The subset of a mathjs instance this needs: any instance (full or custom-built) has `parse`. */
export interface HasParse {
  parse: (expr: string) => MathNode;
}

/**
 * Parses `text` and checks its tree against `rules`. On success the returned node is the one to
 * evaluate (`node.compile().evaluate(scope)`), so what runs is exactly what was checked.
 */
export function parseBoundedFormula(math: HasParse, text: string, rules: FormulaRules): ParsedFormula {
  if (text.length > MAX_FORMULA_LENGTH) {
    return {
      ok: false,
      error: `is ${text.length} characters long; the limit is ${MAX_FORMULA_LENGTH}`,
    };
  }
  let root: MathNode;
  try {
    root = math.parse(text);
  } catch (e) {
    return { ok: false, error: `cannot be read: ${(e as Error).message}` };
  }
  const problem = checkTree(root, rules);
  return problem ? { ok: false, error: problem } : { ok: true, node: root };
}

/** Returns why the tree is refused, or null when every node is allowed. */
export function checkTree(root: MathNode, rules: FormulaRules): string | null {
  let count = 0;
  let problem: string | null = null;
  const visit = (node: MathNode, isRoot: boolean): void => {
    if (problem) return;
    count++;
    if (count > MAX_FORMULA_NODES) {
      problem = `has more than ${MAX_FORMULA_NODES} numbers, names and operators`;
      return;
    }
    problem = checkNode(node, rules, isRoot);
    if (problem) return;
    node.forEach((child) => visit(child, false));
  };
  visit(root, true);
  return problem;
}

function checkNode(node: MathNode, rules: FormulaRules, isRoot: boolean): string | null {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as MathNode & { value: unknown }).value;
      return typeof value === 'number' ? null : `uses a value that is not a number (${node.toString()})`;
    }
    case 'SymbolNode':
    case 'ParenthesisNode':
      return null;
    case 'OperatorNode': {
      const op = node as MathNode & { fn: string; op: string };
      return rules.operators.has(op.fn) ? null : `uses the operator "${op.op}"; ${rules.allowedText}`;
    }
    case 'FunctionNode': {
      const callee = (node as MathNode & { fn: MathNode & { name?: string } }).fn;
      if (callee.type !== 'SymbolNode' || typeof callee.name !== 'string')
        return `calls something that is not a named function; ${rules.allowedText}`;
      if (!rules.functions.has(callee.name)) {
        return `calls "${callee.name}", which is not an allowed function (allowed: ${[...rules.functions].join(', ')})`;
      }
      return null;
    }
    case 'AssignmentNode': {
      // Only `name = …` as the whole line, never `a[1] = …` or `a.b = …` or an assignment inside.
      const target = (node as MathNode & { object: MathNode; index: unknown }).object;
      const plainName = target.type === 'SymbolNode' && !(node as MathNode & { index: unknown }).index;
      if (rules.allowNaming && isRoot && plainName) return null;
      return `${REFUSED.AssignmentNode}; ${rules.allowedText}`;
    }
    default:
      return `${REFUSED[node.type] ?? `uses "${node.type}"`}; ${rules.allowedText}`;
  }
}
