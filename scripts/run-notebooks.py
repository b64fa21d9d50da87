#!/usr/bin/python3
"""Executes one notebook headless on its kernel (nbclient) and stores the executed copy.

Called by scripts/run-notebooks.ts with Debian's /usr/bin/python3 (python3-nbclient,
python3-nbformat). Prints one JSON line: {"ok": bool, "seconds": float, "error": {...}}.

Two things nbclient does not do and this script adds:
- a failing cell's error text: tslab writes it to the cell's stderr and nbclient's
  CellExecutionError carries an empty message, so the cell's own outputs are reported;
- exceptions raised after a cell ended (a timer that throws, a promise rejected later):
  tslab only logs them, into a finished cell nbclient no longer listens to. A prologue cell
  records them, an epilogue cell (after letting pending timers run) hands them over, and each
  is attributed to the cell that had last ended when it was raised. Both cells are removed
  from the stored copy.
"""
import datetime
import json
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

LATE_MARK = '__OVERLAY_LAB_LATE__'
PROLOGUE = """{
  const g = globalThis as any;
  g.__overlayLabLate = [];
  const keep = (kind: string) => (e: unknown) => g.__overlayLabLate.push({ at: Date.now(), kind, text: String((e as any)?.stack ?? e) });
  process.on('uncaughtException', keep('uncaughtException'));
  process.on('unhandledRejection', keep('unhandledRejection'));
}"""
EPILOGUE = """await new Promise((r) => setTimeout(r, %d));
console.log('%s' + JSON.stringify((globalThis as any).__overlayLabLate));""" % (300, LATE_MARK)


def cell_text(cell):
    """Everything a cell printed on stderr plus its error outputs: what a person needs to fix it."""
    parts = []
    for out in cell.get('outputs', []):
        if out.get('output_type') == 'stream' and out.get('name') == 'stderr':
            parts.append(out.get('text', ''))
        elif out.get('output_type') == 'error':
            parts.append('%s: %s\n%s' % (out.get('ename', ''), out.get('evalue', ''), '\n'.join(out.get('traceback', []))))
    return ''.join(parts).strip()


def ended_at(cell):
    stamp = cell.get('metadata', {}).get('execution', {}).get('shell.execute_reply')
    if not stamp:
        return None
    return datetime.datetime.fromisoformat(stamp.replace('Z', '+00:00')).timestamp() * 1000


def main():
    job = json.loads(sys.stdin.read())
    nb = nbformat.read(job['input'], as_version=4)
    real = list(nb.cells)
    nb.cells = [nbformat.v4.new_code_cell(PROLOGUE)] + real + [nbformat.v4.new_code_cell(EPILOGUE)]
    failed = {}

    def on_error(cell, cell_index, execute_reply):
        failed['index'] = cell_index

    client = NotebookClient(
        nb,
        timeout=job.get('timeout', 180),
        kernel_name=job.get('kernel', 'tslab'),
        record_timing=True,
        resources={'metadata': {'path': job['cwd']}},
        on_cell_error=on_error,
    )
    started = time.time()
    result = {'ok': True}
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        index = failed.get('index')
        if index is None:  # a timeout or a dead kernel: the cell that was running
            index = next((i for i, c in enumerate(nb.cells) if c.cell_type == 'code' and c.get('execution_count') is None), len(nb.cells) - 1)
        cell = nb.cells[index]
        text = cell_text(cell) or str(e).strip() or type(e).__name__
        result = {'ok': False, 'error': {'cell': index, 'kind': type(e).__name__, 'source': cell.source, 'text': text}}
    result['seconds'] = round(time.time() - started, 3)

    if result['ok']:
        epilogue = nb.cells[-1]
        late = []
        for out in epilogue.get('outputs', []):
            if out.get('output_type') == 'stream' and LATE_MARK in out.get('text', ''):
                late = json.loads(out['text'].split(LATE_MARK, 1)[1].strip().splitlines()[0])
        if late:
            first = late[0]
            # The cell that had last ended before the exception: its timer or promise raised it.
            index = 0
            for i, c in enumerate(nb.cells[:-1]):
                t = ended_at(c)
                if t is not None and t <= first['at']:
                    index = i
            result = {
                'ok': False,
                'seconds': result['seconds'],
                'error': {'cell': index, 'kind': first['kind'], 'source': nb.cells[index].source, 'text': '\n'.join('%s: %s' % (x['kind'], x['text']) for x in late), 'late': True},
            }

    # Cell numbers as a person counts them in the notebook (the prologue is cell 0 here).
    if 'error' in result:
        result['error']['cell'] = max(0, result['error']['cell'] - 1)
    nb.cells = nb.cells[1:-1]
    for c in nb.cells:
        c.get('metadata', {}).pop('execution', None)
        if c.cell_type == 'code' and c.get('execution_count'):
            c['execution_count'] -= 1
            for out in c.get('outputs', []):
                if out.get('execution_count'):
                    out['execution_count'] -= 1
    nbformat.write(nb, job['output'])
    print(json.dumps(result), flush=True)


if __name__ == '__main__':
    main()
