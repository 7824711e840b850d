import * as assert from 'node:assert/strict';
import { classify } from '../../src/core/index/freshness';
import { CancellationSource, Delayer, KeyedDelayer, SerialQueue } from '../../src/core/util/async';
import { FakeClock, Gate } from './helpers/fakes';

suite('async: Delayer', () => {
  test('a burst of triggers runs the last task once, after the calls stop', () => {
    const clock = new FakeClock();
    const delayer = new Delayer(100, clock);
    const runs: string[] = [];
    delayer.trigger(() => runs.push('a'));
    clock.advance(60);
    delayer.trigger(() => runs.push('b'));
    clock.advance(60);
    assert.deepEqual(runs, []);
    assert.ok(delayer.isTriggered);
    clock.advance(40);
    assert.deepEqual(runs, ['b']);
    assert.ok(!delayer.isTriggered);
    assert.equal(clock.pending, 0);
  });

  test('flush runs a waiting task at once; cancel drops it', () => {
    const clock = new FakeClock();
    const delayer = new Delayer(100, clock);
    const runs: number[] = [];
    assert.equal(delayer.flush(), false);
    delayer.trigger(() => runs.push(1));
    assert.equal(delayer.flush(), true);
    delayer.trigger(() => runs.push(2), 10);
    delayer.cancel();
    clock.advance(1000);
    assert.deepEqual(runs, [1]);
    assert.equal(clock.pending, 0);
  });

  test('KeyedDelayer: each key has its own wait', () => {
    const clock = new FakeClock();
    const delayer = new KeyedDelayer<string>(100, clock);
    const runs: string[] = [];
    delayer.trigger('a', () => runs.push('a'));
    clock.advance(80);
    delayer.trigger('b', () => runs.push('b'));
    clock.advance(30);
    assert.deepEqual(runs, ['a'], 'b does not push a back');
    delayer.trigger('b', () => runs.push('b2'));
    clock.advance(100);
    assert.deepEqual(runs, ['a', 'b2']);
    assert.equal(delayer.size, 0);
    delayer.trigger('c', () => runs.push('c'));
    delayer.dispose();
    clock.advance(1000);
    assert.deepEqual(runs, ['a', 'b2']);
  });
});

suite('async: SerialQueue and cancellation', () => {
  test('jobs run one at a time in order; a failure rejects its own caller only', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const gate = new Gate();
    const first = queue.run(async () => {
      log.push('1 start');
      await gate.opened;
      log.push('1 end');
    });
    const second = queue.run(async () => {
      log.push('2');
      throw new Error('boom');
    });
    const third = queue.run(async () => log.push('3'));
    const idle = queue.idle();
    await Promise.resolve();
    assert.deepEqual(log, ['1 start']);
    assert.equal(queue.size, 3);
    gate.open();
    await first;
    await assert.rejects(second, /boom/);
    await third;
    await idle;
    assert.deepEqual(log, ['1 start', '1 end', '2', '3']);
    assert.equal(queue.size, 0);
  });

  test('a cancelled token stays cancelled', () => {
    const source = new CancellationSource();
    const token = source.token;
    assert.equal(token.isCancelled, false);
    source.cancel();
    assert.equal(token.isCancelled, true);
  });
});

suite('freshness: classify(record, stat)', () => {
  const record = { mtime: 100, size: 10 };
  test('unchanged only when size and mtime both match', () => {
    assert.equal(classify(record, { mtime: 100, size: 10 }), 'unchanged');
    assert.equal(classify(record, { mtime: 101, size: 10 }), 'changed');
    assert.equal(classify(record, { mtime: 100, size: 11 }), 'changed');
  });
  test('gone, unknown and unstat-able files', () => {
    assert.equal(classify(record, undefined), 'missing');
    assert.equal(classify(record, { mtime: Number.NaN, size: 0 }), 'missing');
    assert.equal(classify(undefined, { mtime: 100, size: 10 }), 'changed');
    assert.equal(classify({ mtime: 100, size: -1 }, { mtime: 100, size: -1 }), 'changed', 'a failed stat is read again, which says why');
  });
});
