import { startFakePrintComponent, type FakeComponentOptions, type FakePrintComponent } from './print-component.fake';

/**
 * 拼多多打印组件 (research/providers.md §4.1): `ISVName` and `ERPId` required next to the task, the
 * encrypted layer keyed `templateUrl`, a printed task reported `printed` alone, failures reported
 * only after TaskFailedNotify is set.
 */
export const startFakePddComponent = (options: FakeComponentOptions = {}): Promise<FakePrintComponent> =>
  startFakePrintComponent({ encryptedTemplateKey: 'templateUrl', printedStates: ['printed'], failureSwitch: 'TaskFailedNotify', printKeys: ['ISVName', 'ERPId'] }, options);
