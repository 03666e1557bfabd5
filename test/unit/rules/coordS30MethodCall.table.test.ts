import { perimeterFacts } from './perimeterFixtures';
import { allowed, deny, familyTables, type Family } from './familyTable';

/**
 * Database code's `connect(dsn).cursor()` named the agent folder `.cursor` to the perimeter's text reader
 * and was denied (the SDK engineer's note, stop 30). A method call as written (`).cursor(`, `] .cursor (`)
 * is no path; the same name spelled as a path, or glued from literals in any other spelling, still is.
 */

const TABLE: Record<string, Family> = {
  'a method named like an agent folder is a call, not the folder': {
    reason: /agent configuration folder/,
    rows: [
      allowed(`python3 -c "import sqlite3; sqlite3.connect('a.db').cursor().execute('select 1')"`),
      allowed(`python3 -c "import psycopg2; psycopg2.connect(host='localhost') .cursor ().execute('select 1')"`),
      allowed(`python3 -c "import psycopg2; rows = [psycopg2.connect('dbname=app')][0].cursor().fetchall()"`),
      allowed(`python3 -c "import mysql.connector as m; m.connect(user='app').cursor(buffered=True).execute('select 1')"`),
      allowed(`node -e "const c = new Client(); c.db('app').cursor().toArray()"`),
    ],
  },
  'the folder spelled as a path still is': {
    reason: /agent configuration folder \.(cursor|claude)/,
    rows: [
      deny(`python3 -c "import os; open(os.path.join(os.path.expanduser('~'), '.cursor', 'hooks.json'), 'w').write('{}')"`),
      deny(`python3 -c "import os; h=os.getcwd(); open((h)+'/'+'.cur'+'sor'+('')+'/hooks.json','w').write('{}')"`),
      deny(`python3 -c "x=db().cursor(); open('.claude/settings.json','w').write('{}')"`),
      deny(`python3 -c "c=conn().cursor(); open(c.root + '/.cursor/hooks.json', 'w')"`),
      deny(`node -e "require('fs').writeFileSync(require('os').homedir()+'/.cursor/hooks.json','{}')"`),
    ],
  },
};

familyTables('method calls named like agent folders (coordinator, stop 30)', TABLE, perimeterFacts);
