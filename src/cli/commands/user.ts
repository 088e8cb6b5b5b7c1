import { bootstrap } from '../../app/bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { ROLES, type Role } from '../../modules/access/roles.ts';
import { createPerson } from '../../modules/people/people.service.ts';
import { AppError } from '../../shared/errors.ts';
import { type Command, UsageError } from '../command.ts';

/** Creates a person who can sign in; the way to bootstrap the first administrator. */
export const userAddCommand: Command = {
  words: ['user', 'add'],
  summary: 'Add a person who can sign in (use --role admin for the first administrator)',
  usage: `onsite user add --username NAME --password SECRET [--name 显示名] [--role ROLE ...]

Roles: ${ROLES.join(', ')}
Example: onsite user add --username admin --password 'S3cure!pass' --name 管理员 --role admin`,
  options: {
    username: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
  },
  async run(values) {
    const username = values.username as string | undefined;
    const password = values.password as string | undefined;
    if (!username || !password)
      throw new UsageError(`--username and --password are required\n\n${this.usage}`);
    const roles = ((values.role as unknown as string[] | undefined) ?? ['admin']) as Role[];
    const unknown = roles.filter((r) => !ROLES.includes(r));
    if (unknown.length)
      throw new UsageError(`unknown role ${unknown.join(', ')}; roles are: ${ROLES.join(', ')}`);
    const ctx = await bootstrap(loadConfig());
    try {
      const person = await createPerson(
        ctx,
        { system: 'cli' },
        {
          username,
          displayName: (values.name as string | undefined) ?? username,
          roles,
          password,
        },
      );
      console.log(`added ${person.username} (${roles.join(', ')}), id ${person.id}`);
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        const details = err.details.map((d) => `${d.field}: ${d.message.en}`).join('; ');
        throw new UsageError(`${err.code}${details ? `: ${details}` : ` ${JSON.stringify(err.params)}`}`);
      }
      throw err;
    } finally {
      await ctx.database.close();
    }
  },
};
