import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { stHeaderFrame } from '../../../test/fakes/scale-frames.fake';
import { createScaleStream } from './scale-stream';
import { createSerialLink, type LinkStatus, type PortFactory } from './serial-link';

// serialport's own CJS singleton: the ESM import of @serialport/binding-mock would be another one.
const MockBinding = SerialPortMock.binding;
const mockPorts: PortFactory = (o) => new SerialPortMock({ ...o, autoOpen: false });
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
};

afterEach(() => MockBinding.reset());

describe('serial link (SerialPortMock)', () => {
  it('feeds a scale stream, notices the port going away, and reopens when it is back', async () => {
    MockBinding.createPort('/dev/SCALE0', { echo: false, record: true });
    const statuses: LinkStatus[] = [];
    const grams: number[] = [];
    const stream = createScaleStream({ family: 'st-header', checksum: false, unit: 'kg' }, (r) => grams.push(r.grams));
    let current: SerialPortMock | null = null;
    const link = createSerialLink({
      options: { path: '/dev/SCALE0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
      ports: (o) => (current = mockPorts(o) as SerialPortMock),
      onData: (c) => stream.push(c),
      onStatus: (s) => statuses.push(s),
      backoffMs: [5, 10],
    });
    await until(() => link.status() === 'connected');
    const frame = stHeaderFrame(1234);
    current!.port!.emitData(frame.subarray(0, 9));
    current!.port!.emitData(Buffer.concat([frame.subarray(9), stHeaderFrame(1240)]));
    await until(() => grams.length === 2);
    expect(grams).toEqual([1234, 1240]);

    // Unplugged: the port closes under us and no longer exists.
    MockBinding.reset();
    current!.close();
    await until(() => link.status() === 'absent');
    MockBinding.createPort('/dev/SCALE0', { echo: false });
    await until(() => link.status() === 'connected');
    expect(statuses).toEqual(['connected', 'reconnecting', 'absent', 'connected']);
    await link.stop();
  });
});
