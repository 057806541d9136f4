/** Runme compatibility (issue 14, part 7): attribute forms and keys, ULID ids, excludeFromRunAll. */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../engine/graph/build.js';
import { brief, commands, fence, parse } from '../parse/helpers.js';

describe('Runme cells', () => {
  it('accepts Runme keys this engine does not use as info, and `name` wins over a ULID `id`', () => {
    const { runbook, diagnostics } = parse(fence('sh {"id":"01HF7BT3HD6Y3KZ9X2M4N5P6QR","name":"listar","background":false,"interpreter":"bash","promptEnv":"no","terminalRows":"20"}', 'ls'));
    expect(commands(runbook)[0]?.id).toBe('listar');
    expect(brief(diagnostics)).toEqual(['1:77 info runme-attribute-ignored', '1:98 info runme-attribute-ignored', '1:115 info runme-attribute-ignored']);
  });

  it('a non-ULID `id` with `name` is still a conflict', () => {
    expect(brief(parse(fence('sh { id=uno name=dos }', 'ls')).diagnostics)).toEqual(['1:16 error attribute-conflict']);
  });

  it('`excludeFromRunAll` marks the step excluded (kept out of a run unless `--only` names it)', () => {
    const { runbook } = parse(`${fence('sh { id=a }', 'true')}\n${fence('sh {"name":"b","excludeFromRunAll":true}', 'true')}`);
    expect(commands(runbook).map((s) => [s.id, s.excluded === true])).toEqual([['a', false], ['b', true]]);
    expect(buildGraph(runbook).graph.flow).toEqual(['a', 'b']);
  });
});
