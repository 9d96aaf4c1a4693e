import { beforeEach, describe, expect, it } from 'vitest';
import { serialDeviceSchema, type SerialDevice, type SerialOverview } from '#shared/contract/serial.contract';
import { setApi } from '../../api/client';
import { createFakeHost, settle } from '../../test/fake-host';
import { useSerialStore } from './serial.store';

const scale: SerialDevice = serialDeviceSchema.parse({ id: 'scale-1', role: 'scale', path: '/tmp/packdesk-pty-scale' });
const overviewOf = (devices: SerialDevice[]): SerialOverview => ({
  ports: [], listError: null, devices: devices.map((d) => ({ id: d.id, role: d.role, path: d.path, status: 'connected', dropped: 0 })),
});

beforeEach(() => useSerialStore.setState({ overview: null, config: [], error: null, saved: false }));

describe('the serial devices store', () => {
  it('keeps a just-saved scale when a load begun before the save answers late (the port list can take seconds)', async () => {
    let config: SerialDevice[] = [];
    let answerOverview: (o: SerialOverview) => void = () => undefined;
    const host = createFakeHost({
      // The overview of the moment the load asked: no device yet; it answers only after the save.
      'devices.serialOverview': () => new Promise<SerialOverview>((resolve) => (answerOverview = resolve)),
      'devices.getSerial': () => config,
      'devices.setSerial': ({ devices }) => (config = devices),
    });
    setApi(host.api);
    const loading = useSerialStore.getState().load();
    await settle();
    expect(await useSerialStore.getState().save([scale])).toBe(true);
    answerOverview(overviewOf([]));
    await loading;
    expect(useSerialStore.getState().config.map((d) => d.id)).toEqual(['scale-1']);
    expect(useSerialStore.getState().overview).toBeNull();
    // A load after the save reads what is there now.
    answerOverview = () => undefined;
    host.handlers['devices.serialOverview'] = () => overviewOf(config);
    await useSerialStore.getState().load();
    expect(useSerialStore.getState().overview?.devices.map((d) => d.id)).toEqual(['scale-1']);
  });
});
