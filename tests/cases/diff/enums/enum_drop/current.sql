create type mood as enum ('happy', 'sad');
