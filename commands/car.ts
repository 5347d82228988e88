import {
  AutoIncrement,
  Command,
  Ge,
  IntegerArgument,
  IntegerField,
  PK,
  StringArgument,
  TextField,
  defineModel,
  type ArgsOf,
} from 'cmdsys';

/**
 * The seed's Car model, one table per guild database:
 *
 *   class Car(Model):
 *       car_model = TextField()
 *       horsepower = IntegerField()
 *       serial_number = IntegerField(constraints=[PKConstraint(), AIConstraint()])
 */
class Car extends defineModel('Car', {
  car_model: TextField({ maxLength: 100 }),
  horsepower: IntegerField({ min: 0 }),
  serial_number: IntegerField({ constraints: [PK(), AutoIncrement()] }),
}) {
  describe(): string {
    return `car #${this.serial_number}: ${this.car_model}, ${this.horsepower} hp`;
  }
}

/** `car add|find|scrap`: every subcommand registers the model on every guild database. */
abstract class CarCommand extends Command {
  protected setupCar(name: string, desc: string): void {
    this.module = 'car';
    this.name = name;
    this.desc = desc;
    this.lib = 'examples 1.0 (ORM)';
    void this.env.database.registerModel(Car);
  }

  /** This guild's database (the console has its own pseudo-guild). */
  protected db() {
    return this.env.database.getDbByMessage(this.msg);
  }
}

export class CarAdd extends CarCommand {
  setup() {
    this.setupCar('add', "Adds a car to this guild's garage.");
    return this.addArgument(new StringArgument('model')).addArgument(
      new IntegerArgument('hp', false, { min: 0 }),
    );
  }

  async call({ model, hp }: ArgsOf<CarAdd>) {
    const db = await this.db();
    const car = await db.new(Car);
    car.car_model = model;
    car.horsepower = hp;
    await car.save();
    await this.respond(`Added ${car.describe()}.`);
  }
}

export class CarFind extends CarCommand {
  setup() {
    this.setupCar('find', 'Looks a car up by its serial number.');
    return this.addArgument(new IntegerArgument('serial'));
  }

  async call({ serial }: ArgsOf<CarFind>) {
    const db = await this.db();
    for await (const car of db.query(Car).filter({ serial_number: serial })) {
      await this.respond(`Found ${car.describe()}.`);
      return;
    }
    await this.respond(`No car with serial number ${serial}.`);
  }
}

export class CarScrap extends CarCommand {
  setup() {
    this.setupCar('scrap', 'Scraps every car with at least the given horsepower (one bulk delete).');
    return this.addArgument(new IntegerArgument('min-hp', false, { min: 0 }));
  }

  async call(args: ArgsOf<CarScrap>) {
    const db = await this.db();
    const scrapped = await db.query(Car).filter(Ge('horsepower', args['min-hp'])).delete();
    await this.respond(`Scrapped ${scrapped} car${scrapped === 1 ? '' : 's'}.`);
  }
}
