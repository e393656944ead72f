// The event stream's ids for Vitest's task tree: names from the outermost
// suite joined by " > ", the 2nd, 3rd... sibling with the same name getting
// "#2", "#3"... (bumped further should that id exist already), so ids are
// unique per file and stable across runs while names and the order of equal
// names stay. Vitest's own ids (file hash + position) change whenever a test
// is added above; the engine keys results, filters and the dashboard on ours.

/** Separator of names in ids and full names: "outer > inner > test". */
export const NAME_SEPARATOR = ' > ';

/**
 * Walks the file task's tree (parents first, definition order) and returns
 * { byTask: WeakMap<task, {id, fullName}>, byVitestId: Map<vitestId, task>, order: task[] }.
 */
export function assignIds(file) {
  const byTask = new WeakMap();
  const byVitestId = new Map();
  const order = [];
  const used = new Set();
  const visit = (suite, parentId, parentFullName) => {
    const seen = new Map();
    for (const child of suite.tasks) {
      let n = (seen.get(child.name) || 0) + 1;
      const idFor = (k) => {
        const own = k === 1 ? child.name : `${child.name}#${k}`;
        return parentId === null ? own : `${parentId}${NAME_SEPARATOR}${own}`;
      };
      while (used.has(idFor(n))) n++;
      seen.set(child.name, n);
      const id = idFor(n);
      used.add(id);
      const fullName = parentFullName ? `${parentFullName}${NAME_SEPARATOR}${child.name}` : child.name;
      byTask.set(child, { id, fullName });
      byVitestId.set(child.id, child);
      order.push(child);
      if (child.type === 'suite') visit(child, id, fullName);
    }
  };
  visit(file, null, '');
  return { byTask, byVitestId, order };
}
