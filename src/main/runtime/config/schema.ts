// The config schema is part of the shared contract (the panel validates with the same schema).
export * from '../../../shared/config/schema';
