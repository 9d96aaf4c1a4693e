import { startFakePrintComponent, type FakeComponentOptions, type FakePrintComponent } from './print-component.fake';

/**
 * 菜鸟打印组件 (research/providers.md §3.1): the encrypted layer keyed `templateURL`, a printed task
 * reported `rendered` then `printed`, failures reported only after notifyOnTaskFailure is set.
 */
export const startFakeCainiaoComponent = (options: FakeComponentOptions = {}): Promise<FakePrintComponent> =>
  startFakePrintComponent({ encryptedTemplateKey: 'templateURL', printedStates: ['rendered', 'printed'], failureSwitch: 'notifyOnTaskFailure', printKeys: [] }, options);
