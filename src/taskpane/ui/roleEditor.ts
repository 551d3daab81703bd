/**
 * The role editor: one row per column of the data with a select for its role (unit id, period,
 * group, subsystem 1/2/..., driving factor, geodetector y, ignore) and, for indicators, a
 * direction (+ benefit / − cost); for factors, a kind (auto: METHODS.md M8's rule; numeric;
 * categorical), written to the roles as `{ "column": ..., "kind": ... }`. Subsystems are named in text fields; "Add subsystem" adds
 * one more. The state converts to and from the roles file shape of src/report/roles.ts.
 */
import type { Cell } from "../../report/csv";
import { Direction, FactorKind, FactorRoleFile, IndicatorRole, parseRoles, Roles, RolesFile } from "../../report/roles";
import { clear, el } from "./dom";
import { t } from "./i18n";

/** "sub0", "sub1", ... are the subsystems (0-based). */
export type ColumnRole = "ignore" | "id" | "time" | "group" | "factor" | "y" | `sub${number}`;

export interface ColumnAssignment {
  /** Header text as in the data (trimmed). */
  column: string;
  role: ColumnRole;
  direction: Direction;
  factorKind?: FactorKind;
}

export interface RoleState {
  columns: ColumnAssignment[];
  subsystemNames: string[];
}

/** Header texts of a row of cells (trimmed; blank -> ""). */
export function headerTexts(headers: ArrayLike<Cell | undefined>): string[] {
  return Array.from(headers, (h) => (h === null || h === undefined ? "" : String(h).trim()));
}

/** Editor state from validated roles (or a roles file / JSON text, validated against `headers`). */
export function stateFromRoles(headersIn: ArrayLike<Cell | undefined>, rolesIn: Roles | RolesFile | string): RoleState {
  return stateFromParsedRoles(headersIn, parseRoles(rolesIn, headerTexts(headersIn)));
}

/** Editor state from roles as they are, not validated (e.g. guessRoles' guess with one subsystem). */
export function stateFromParsedRoles(headersIn: ArrayLike<Cell | undefined>, roles: Roles): RoleState {
  const headers = headerTexts(headersIn);
  const columns: ColumnAssignment[] = headers.map((column) => ({ column, role: "ignore", direction: "+" }));
  const set = (name: string | undefined, role: ColumnRole, extra: Partial<ColumnAssignment> = {}) => {
    if (name === undefined) return;
    const j = headers.indexOf(name);
    if (j >= 0) columns[j] = { ...columns[j], role, ...extra };
  };
  let subsystemNames: string[] = [];
  if (roles.kind === "panel") {
    set(roles.id, "id");
    set(roles.time, "time");
    set(roles.group, "group");
    roles.subsystems.forEach((s, i) => s.indicators.forEach((ind) => set(ind.column, `sub${i}`, { direction: ind.direction })));
    subsystemNames = roles.subsystems.map((s) => s.name);
  } else {
    set(roles.y, "y");
    set(roles.id, "id");
    set(roles.group, "group");
  }
  for (const f of roles.factors) set(f.column, "factor", f.kind ? { factorKind: f.kind } : {});
  while (subsystemNames.length < 2) subsystemNames.push(`Subsystem ${subsystemNames.length + 1}`);
  return { columns, subsystemNames };
}

/**
 * The roles file of an editor state: geodetector-only when a column is "Geodetector y", else
 * a panel. Subsystems without indicators are left out (parseRoles then says if fewer than two
 * remain). Not validated: call `parseRoles(file, headers)`.
 */
export function stateToRolesFile(state: RoleState): RolesFile {
  const first = (role: ColumnRole) => state.columns.find((c) => c.role === role && c.column !== "")?.column;
  const factors: FactorRoleFile[] = state.columns
    .filter((c) => c.role === "factor" && c.column !== "")
    .map((c) => (c.factorKind ? { column: c.column, kind: c.factorKind } : c.column));
  const y = first("y");
  if (y !== undefined) {
    const g: RolesFile = { y, factors };
    const id = first("id");
    const group = first("group");
    if (id !== undefined) g.id = id;
    if (group !== undefined) g.group = group;
    return g;
  }
  const subsystems: Record<string, IndicatorRole[]> = {};
  state.subsystemNames.forEach((rawName, i) => {
    const inds = state.columns.filter((c) => c.role === `sub${i}` && c.column !== "").map((c) => ({ column: c.column, direction: c.direction }));
    if (inds.length === 0) return;
    let name = rawName.trim() || `Subsystem ${i + 1}`;
    while (name in subsystems) name = `${name} (${i + 1})`;
    subsystems[name] = inds;
  });
  const file: RolesFile = { id: first("id") ?? "", time: first("time") ?? "", subsystems };
  const group = first("group");
  if (group !== undefined) file.group = group;
  if (factors.length > 0) file.factors = factors;
  return file;
}

/** Validated roles of the state against the headers (throws the CoordError of parseRoles). */
export function stateToRoles(state: RoleState): Roles {
  return parseRoles(stateToRolesFile(state), state.columns.map((c) => c.column));
}

/** The select's options for a column. */
function roleOptions(state: RoleState): Array<[ColumnRole, string]> {
  const opts: Array<[ColumnRole, string]> = [
    ["id", t("roleId")],
    ["time", t("rolePeriod")],
    ["group", t("roleGroup")],
  ];
  state.subsystemNames.forEach((name, i) => opts.push([`sub${i}`, t("roleSubsystem", { n: i + 1, name: name || `Subsystem ${i + 1}` })]));
  opts.push(["factor", t("roleFactor")], ["y", t("roleY")], ["ignore", t("roleIgnore")]);
  return opts;
}

export interface RoleEditor {
  element: HTMLElement;
  getState(): RoleState;
  setState(state: RoleState): void;
  /** Called after every change by the user. */
  onChange?: (state: RoleState) => void;
}

/** Build the editor (a table of columns and a list of subsystem names). */
export function createRoleEditor(initial: RoleState, messages: string[] = []): RoleEditor {
  let state: RoleState = clone(initial);
  const element = el("div", { className: "cl-roles", attrs: { "data-part": "roles" } });
  const editor: RoleEditor = {
    element,
    getState: () => clone(state),
    setState: (s) => {
      state = clone(s);
      render();
    },
  };
  const changed = () => editor.onChange?.(clone(state));

  function render(): void {
    clear(element);
    if (messages.length > 0) element.appendChild(el("ul", { className: "cl-notes" }, messages.map((m) => el("li", { text: m }))));

    // subsystem names
    const names = el("div", { className: "cl-subsystems" }, [el("div", { className: "cl-label", text: t("subsystemNames") })]);
    state.subsystemNames.forEach((name, i) => {
      const input = el("input", { attrs: { type: "text", value: name, "data-subsystem": i, "aria-label": t("roleSubsystem", { n: i + 1, name: "" }) } });
      input.value = name;
      input.addEventListener("change", () => {
        state.subsystemNames[i] = input.value;
        render();
        changed();
      });
      names.appendChild(el("label", { className: "cl-subsystem-name" }, [`${i + 1}. `, input]));
    });
    names.appendChild(
      el("button", {
        className: "cl-button cl-secondary",
        text: t("addSubsystem"),
        attrs: { type: "button", "data-action": "add-subsystem" },
        on: {
          click: () => {
            state.subsystemNames.push(`Subsystem ${state.subsystemNames.length + 1}`);
            render();
            changed();
          },
        },
      }),
    );
    element.appendChild(names);

    // one row per column
    const tbody = el("tbody");
    const opts = roleOptions(state);
    state.columns.forEach((c, j) => {
      if (c.column === "") return;
      const select = el("select", { attrs: { "data-column": j, "aria-label": `${t("role")}: ${c.column}` } });
      for (const [value, label] of opts) select.appendChild(el("option", { text: label, attrs: { value } }));
      select.value = c.role;
      const dir = el("select", { className: "cl-dir", attrs: { "data-direction": j, "aria-label": `${t("direction")}: ${c.column}` } }, [
        el("option", { text: "+", attrs: { value: "+" } }),
        el("option", { text: "−", attrs: { value: "-" } }),
      ]);
      dir.value = c.direction;
      dir.disabled = !c.role.startsWith("sub");
      const kind = el("select", { className: "cl-kind", attrs: { "data-kind": j, "aria-label": `${t("factorKind")}: ${c.column}` } }, [
        el("option", { text: t("kindAuto"), attrs: { value: "" } }),
        el("option", { text: t("kindNumeric"), attrs: { value: "numeric" } }),
        el("option", { text: t("kindCategorical"), attrs: { value: "categorical" } }),
      ]);
      kind.value = c.factorKind ?? "";
      kind.disabled = c.role !== "factor";
      kind.addEventListener("change", () => {
        if (kind.value === "") delete state.columns[j].factorKind;
        else state.columns[j].factorKind = kind.value as FactorKind;
        changed();
      });
      select.addEventListener("change", () => {
        state.columns[j].role = select.value as ColumnRole;
        dir.disabled = !select.value.startsWith("sub");
        kind.disabled = select.value !== "factor";
        row.setAttribute("data-role", select.value);
        changed();
      });
      dir.addEventListener("change", () => {
        state.columns[j].direction = dir.value as Direction;
        row.setAttribute("data-dir", dir.value);
        changed();
      });
      const row = el("tr", { attrs: { "data-role": c.role, "data-dir": c.direction } }, [
        el("td", { className: "cl-colname", text: c.column, attrs: { title: c.column } }),
        el("td", {}, [select]),
        el("td", {}, [dir]),
        el("td", {}, [kind]),
      ]);
      tbody.appendChild(row);
    });
    const head = el("thead", {}, [el("tr", {}, [el("th", { text: t("column") }), el("th", { text: t("role") }), el("th", { text: t("direction") }), el("th", { text: t("factorKind") })])]);
    element.appendChild(el("div", { className: "cl-table-wrap" }, [el("table", { className: "cl-role-table" }, [head, tbody])]));
  }

  render();
  return editor;
}

function clone(s: RoleState): RoleState {
  return { columns: s.columns.map((c) => ({ ...c })), subsystemNames: [...s.subsystemNames] };
}
