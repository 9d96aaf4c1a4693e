import { msg } from '#shared/i18n/message';
import { inboxSettingsSavedOp } from '#shared/ops/inbox-settings-saved.op';
import { flagUnseenOverwrite } from './concurrent-save';
import type { Rule } from './rule-context';

/** The last thresholds the hub orders stand everywhere; a save that overwrote another bench's unseen is flagged. */
export const inboxSettingsSaved: Rule<'inbox.settings-saved'> = async (ctx, { seenHubSeq, ...settings }) => {
  await flagUnseenOverwrite(ctx, 'inbox_settings_seq', seenHubSeq, settings, 'settings.concurrent-edit', msg(inboxSettingsSavedOp.messages.concurrent));
};
