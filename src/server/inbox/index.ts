// What other concepts may use of the inbox: tell someone something, and the reminder pass.
export { notify, notifyAll, notifyIn, type NotifyResult } from './notify.service.ts';
export { reminderSources, sendDueReminders, type ReminderSource } from './reminders.ts';
export { deliverDueMail, scheduleMailSender } from './sender.ts';
export { sealPlainMailPasswords } from './mail.service.ts';
export { markReadBefore as seedReadBefore } from './inbox.repo.ts';
