import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { smtpChannel } from './channels';

/** The e-mail channel against a local SMTP server started here: the message arrives once, with its id as Message-ID. */
describe('the SMTP channel', () => {
  it('delivers a message with its subject, body and the outbox id as its Message-ID', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.server.address() as AddressInfo).port;
      const channel = smtpChannel(`smtp://127.0.0.1:${port}`, 'Concord <no-reply@concord.test>');
      await channel.send({ id: '3f1c6a52-0000-4000-8000-000000000001', channel: 'email', toAddress: 'mediator@example.test', subject: 'Case CASE-1: 5 days left to mediate', body: 'The mediation window ends soon.' });
      expect(received).toHaveLength(1);
      expect(received[0]).toContain('Message-ID: <3f1c6a52-0000-4000-8000-000000000001@concord>');
      expect(received[0]).toContain('To: mediator@example.test');
      expect(received[0]).toContain('Subject: Case CASE-1: 5 days left to mediate');
      expect(received[0]).toContain('The mediation window ends soon.');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
